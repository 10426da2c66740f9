using StaticGraph.Ops;

namespace StaticGraph;

// tf.nn losses: softmax / sigmoid cross-entropies and l2_loss.
public static partial class tf
{
    public static partial class nn
    {
        /// <summary>-Σ labels · log softmax(logits) over the last axis; no gradient flows into labels (TF1).</summary>
        public static Tensor softmax_cross_entropy_with_logits(Tensor labels, Tensor logits, int dim = -1, string? name = null) =>
            NnOps.SoftmaxCrossEntropy(labels, logits, dim, stopLabels: true, name);

        /// <summary>-Σ labels · log softmax(logits) over the last axis, differentiable in labels too.</summary>
        public static Tensor softmax_cross_entropy_with_logits_v2(Tensor labels, Tensor logits, int axis = -1, string? name = null) =>
            NnOps.SoftmaxCrossEntropy(labels, logits, axis, stopLabels: false, name);

        /// <summary>-log softmax(logits)[labels] per example (labels: int32/int64 class ids in [0, classes)).</summary>
        public static Tensor sparse_softmax_cross_entropy_with_logits(Tensor labels, Tensor logits, string? name = null) =>
            NnOps.SparseSoftmaxCrossEntropy(labels, logits, name);

        /// <summary>max(x, 0) - x·z + log(1 + e^-|x|) elementwise (x = logits, z = labels).</summary>
        public static Tensor sigmoid_cross_entropy_with_logits(Tensor labels, Tensor logits, string? name = null) =>
            NnOps.SigmoidCrossEntropy(labels, logits, name);

        /// <summary>(1 - z)·x + (1 + (q - 1)·z)·log(1 + e⁻ˣ) with q = pos_weight; <paramref name="targets"/> is TF1's
        /// older name for <paramref name="labels"/>.</summary>
        public static Tensor weighted_cross_entropy_with_logits(Tensor? labels = null, Tensor? logits = null, double pos_weight = 1.0,
            string? name = null, Tensor? targets = null)
        {
            var z = labels ?? targets ?? throw new ArgumentException("weighted_cross_entropy_with_logits needs labels (or targets).", nameof(labels));
            var x = logits ?? throw new ArgumentNullException(nameof(logits));
            return NnOps.WeightedCrossEntropy(z, x, OpBuilder.Scalar(pos_weight, x.DType, x.Graph, "pos_weight"), name);
        }

        /// <summary>Σ t² / 2.</summary>
        public static Tensor l2_loss(Tensor t, string? name = null) => NnOps.L2Loss(t, name);
    }
}
