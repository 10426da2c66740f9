using StaticGraph.Losses;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>TF1's <c>tf.losses</c>: weighted, reduced losses (by default Σ weighted losses / number of non-zero
    /// weights), each added to <c>tf.GraphKeys.LOSSES</c>.</summary>
    public static partial class losses
    {
        /// <summary>How a loss reduces its weighted per-element values (TF1's <c>tf.losses.Reduction</c> keys).</summary>
        public static class Reduction
        {
            /// <summary>No reduction: the weighted per-element losses.</summary>
            public const string NONE = "none";

            /// <summary>Σ weighted losses.</summary>
            public const string SUM = "weighted_sum";

            /// <summary>Σ weighted losses / number of elements.</summary>
            public const string SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size";

            /// <summary>Σ weighted losses / Σ weights.</summary>
            public const string MEAN = "weighted_mean";

            /// <summary>Σ weighted losses / number of non-zero weights (the default).</summary>
            public const string SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights";

            /// <summary>The same as <see cref="SUM_BY_NONZERO_WEIGHTS"/>.</summary>
            public const string SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS;

            /// <summary>Every key.</summary>
            public static IReadOnlyList<string> all() => [NONE, SUM, MEAN, SUM_OVER_BATCH_SIZE, SUM_OVER_NONZERO_WEIGHTS, SUM_BY_NONZERO_WEIGHTS];
        }

        /// <summary>-log softmax(logits)[labels] per example, weighted and reduced.</summary>
        public static Tensor sparse_softmax_cross_entropy(Tensor labels, Tensor logits, LossWeights weights = default, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS) =>
            LossFunctions.SparseSoftmaxCrossEntropy(labels, logits, weights, scope, loss_collection, reduction);

        /// <summary>-Σ labels·log softmax(logits) per example (labels smoothed to labels·(1 - s) + s/classes).</summary>
        public static Tensor softmax_cross_entropy(Tensor onehot_labels, Tensor logits, LossWeights weights = default, double label_smoothing = 0,
            string? scope = null, string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS) =>
            LossFunctions.SoftmaxCrossEntropy(onehot_labels, logits, weights, label_smoothing, scope, loss_collection, reduction);

        /// <summary>Element-wise sigmoid cross-entropy (labels smoothed to labels·(1 - s) + s/2).</summary>
        public static Tensor sigmoid_cross_entropy(Tensor multi_class_labels, Tensor logits, LossWeights weights = default, double label_smoothing = 0,
            string? scope = null, string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS) =>
            LossFunctions.SigmoidCrossEntropy(multi_class_labels, logits, weights, label_smoothing, scope, loss_collection, reduction);

        /// <summary>(predictions - labels)², weighted and reduced.</summary>
        public static Tensor mean_squared_error(Tensor labels, Tensor predictions, LossWeights weights = default, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS) =>
            LossFunctions.MeanSquaredError(labels, predictions, weights, scope, loss_collection, reduction);

        /// <summary>|predictions - labels|, weighted and reduced.</summary>
        public static Tensor absolute_difference(Tensor labels, Tensor predictions, LossWeights weights = default, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS) =>
            LossFunctions.AbsoluteDifference(labels, predictions, weights, scope, loss_collection, reduction);

        /// <summary>0.5·e² for |e| ≤ delta, else delta·(|e| - delta/2), e = predictions - labels.</summary>
        public static Tensor huber_loss(Tensor labels, Tensor predictions, LossWeights weights = default, double delta = 1.0, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS) =>
            LossFunctions.HuberLoss(labels, predictions, weights, delta, scope, loss_collection, reduction);

        /// <summary>-labels·log(predictions + ε) - (1 - labels)·log(1 - predictions + ε).</summary>
        public static Tensor log_loss(Tensor labels, Tensor predictions, LossWeights weights = default, double epsilon = 1e-7, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS) =>
            LossFunctions.LogLoss(labels, predictions, weights, epsilon, scope, loss_collection, reduction);

        /// <summary>max(0, 1 - (2·labels - 1)·logits) for labels in {0, 1}.</summary>
        public static Tensor hinge_loss(Tensor labels, Tensor logits, LossWeights weights = default, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS) =>
            LossFunctions.HingeLoss(labels, logits, weights, scope, loss_collection, reduction);

        /// <summary>The losses collected by <c>tf.losses</c> (names matching <paramref name="scope"/>).</summary>
        public static Tensor[] get_losses(string? scope = null, string loss_collection = GraphKeys.LOSSES) =>
            LossCollections.Get(StaticGraph.Graph.Default, loss_collection, scope);

        /// <summary>The penalties the variables' regularizers added.</summary>
        public static Tensor[] get_regularization_losses(string? scope = null) =>
            LossCollections.Get(StaticGraph.Graph.Default, GraphKeys.REGULARIZATION_LOSSES, scope);

        /// <summary>Σ of the regularization losses (a float32 0 when there are none).</summary>
        public static Tensor get_regularization_loss(string? scope = null, string name = "total_regularization_loss") =>
            LossCollections.RegularizationLoss(StaticGraph.Graph.Default, scope, name);

        /// <summary>Σ of the collected losses plus, by default, the regularization losses.</summary>
        public static Tensor get_total_loss(bool add_regularization_losses = true, string name = "total_loss", string? scope = null) =>
            LossCollections.TotalLoss(StaticGraph.Graph.Default, add_regularization_losses, name, scope);

        /// <summary>Adds <paramref name="loss"/> to <paramref name="loss_collection"/>.</summary>
        public static void add_loss(Tensor loss, string loss_collection = GraphKeys.LOSSES) =>
            (loss ?? throw new ArgumentNullException(nameof(loss))).Graph.AddToCollection(loss_collection, loss);

        /// <summary>TF1's <c>compute_weighted_loss</c>: weighs and reduces per-element losses.</summary>
        public static Tensor compute_weighted_loss(Tensor losses, LossWeights weights = default, string? scope = null,
            string? loss_collection = GraphKeys.LOSSES, string reduction = Reduction.SUM_BY_NONZERO_WEIGHTS)
        {
            ArgumentNullException.ThrowIfNull(losses);
            using var s = scope is null ? null : losses.Graph.NameScope(scope);
            return WeightedLoss.Compute(losses, weights, reduction, loss_collection);
        }
    }
}
