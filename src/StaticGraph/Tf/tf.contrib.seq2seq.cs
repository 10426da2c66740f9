using StaticGraph.Losses;

namespace StaticGraph;

public static partial class tf
{
    public static partial class contrib
    {
        /// <summary>TF1's <c>tf.contrib.legacy_seq2seq</c> losses over lists of per-step tensors.</summary>
        public static class legacy_seq2seq
        {
            /// <summary>Per example ([batch]): Σ_t weights_t · xent(logits_t, targets_t), divided by Σ_t weights_t + 1e-12
            /// when <paramref name="average_across_timesteps"/>. logits_t is [batch, classes], targets_t [batch] int,
            /// weights_t [batch] float; <paramref name="softmax_loss_function"/> (labels, logits) → [batch] replaces the
            /// sparse softmax cross-entropy.</summary>
            public static Tensor sequence_loss_by_example(Tensor[] logits, Tensor[] targets, Tensor[] weights, bool average_across_timesteps = true,
                Func<Tensor, Tensor, Tensor>? softmax_loss_function = null, string? name = null) =>
                SequenceLoss.ByExample(logits, targets, weights, average_across_timesteps, softmax_loss_function, name);

            /// <summary>The batch sum of <see cref="sequence_loss_by_example"/>, divided by the batch size when
            /// <paramref name="average_across_batch"/>: the average log-perplexity per symbol.</summary>
            public static Tensor sequence_loss(Tensor[] logits, Tensor[] targets, Tensor[] weights, bool average_across_timesteps = true,
                bool average_across_batch = true, Func<Tensor, Tensor, Tensor>? softmax_loss_function = null, string? name = null) =>
                SequenceLoss.BatchCollapsed(logits, targets, weights, average_across_timesteps, average_across_batch, softmax_loss_function, name);
        }

        /// <summary>TF1's <c>tf.contrib.seq2seq</c> loss.</summary>
        public static class seq2seq
        {
            /// <summary>Weighted cross-entropy of logits [batch, time, classes] against int targets [batch, time] with
            /// weights [batch, time]: Σ w·xent / (Σ w + 1e-12) over both axes by default; averaging over only the time
            /// axis gives [batch], over only the batch [time]; neither gives the weighted [batch, time] losses.</summary>
            public static Tensor sequence_loss(Tensor logits, Tensor targets, Tensor weights, bool average_across_timesteps = true,
                bool average_across_batch = true, Func<Tensor, Tensor, Tensor>? softmax_loss_function = null, string? name = null) =>
                SequenceLoss.Dense(logits, targets, weights, average_across_timesteps, average_across_batch, softmax_loss_function, name);
        }
    }
}
