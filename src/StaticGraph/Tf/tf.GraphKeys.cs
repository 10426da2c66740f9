namespace StaticGraph;

public static partial class tf
{
    /// <summary>TF1's standard collection names (<c>tf.GraphKeys</c>).</summary>
    public static class GraphKeys
    {
        /// <summary>Every global variable.</summary>
        public const string GLOBAL_VARIABLES = "variables";

        /// <summary>Variables an optimizer trains by default.</summary>
        public const string TRAINABLE_VARIABLES = "trainable_variables";

        /// <summary>Per-process variables (not saved).</summary>
        public const string LOCAL_VARIABLES = "local_variables";

        /// <summary>Variables used by models for inference.</summary>
        public const string MODEL_VARIABLES = "model_variables";

        /// <summary>Variables that <c>tf.train.ExponentialMovingAverage.Apply</c> keeps averages of.</summary>
        public const string MOVING_AVERAGE_VARIABLES = "moving_average_variables";

        /// <summary>Ops to run with each training step (batch-norm moving averages).</summary>
        public const string UPDATE_OPS = "update_ops";

        /// <summary>Regularization losses added by variables' regularizers.</summary>
        public const string REGULARIZATION_LOSSES = "regularization_losses";

        /// <summary>Losses added by <c>tf.losses</c>.</summary>
        public const string LOSSES = "losses";

        /// <summary>Summary tensors for <c>tf.summary.merge_all</c>.</summary>
        public const string SUMMARIES = "summaries";

        /// <summary>The training op.</summary>
        public const string TRAIN_OP = "train_op";

        /// <summary>The global step variable.</summary>
        public const string GLOBAL_STEP = "global_step";

        /// <summary>Savers.</summary>
        public const string SAVERS = "savers";

        /// <summary>Ops that initialize tables, run by the legacy init op.</summary>
        public const string TABLE_INITIALIZERS = "table_initializer";
    }
}
