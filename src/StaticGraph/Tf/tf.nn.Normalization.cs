using StaticGraph.Ops;

namespace StaticGraph;

// tf.nn normalization and regularization: moments, batch_normalization, fused_batch_norm, l2_normalize, dropout.
public static partial class tf
{
    public static partial class nn
    {
        /// <summary>(mean, variance) of x over <paramref name="axes"/>.</summary>
        public static (Tensor mean, Tensor variance) moments(Tensor x, int[] axes, string? name = null, bool keepdims = false) =>
            NnOps.Moments(x, axes, keepdims, name);

        /// <summary>(x - mean) · scale / √(variance + variance_epsilon) + offset.</summary>
        public static Tensor batch_normalization(Tensor x, Tensor mean, Tensor variance, Tensor? offset, Tensor? scale,
            double variance_epsilon, string? name = null) => NnOps.BatchNormalization(x, mean, variance, offset, scale, variance_epsilon, name);

        /// <summary>(y, batch_mean, batch_variance) of FusedBatchNormV3: batch statistics in training (mean and variance
        /// omitted), the given ones in inference; epsilon is at least 1.001e-5 as TF1.</summary>
        public static (Tensor y, Tensor batch_mean, Tensor batch_variance) fused_batch_norm(Tensor x, Tensor scale, Tensor offset,
            Tensor? mean = null, Tensor? variance = null, double epsilon = 0.001, string data_format = "NHWC", bool is_training = true,
            string? name = null)
        {
            var empty = OpBuilder.Const(NDArray.Zeros(x.DType, [0]), "Const", x.Graph);
            var outputs = NnOps.FusedBatchNorm(x, scale, offset, mean ?? empty, variance ?? empty, Math.Max(epsilon, 1.001e-5),
                data_format, is_training, v3: true, name ?? "FusedBatchNormV3");
            return (outputs[0], outputs[1], outputs[2]);
        }

        /// <summary>x / √max(Σ x², epsilon) along <paramref name="axis"/> (null: all axes).</summary>
        public static Tensor l2_normalize(Tensor x, int? axis = null, double epsilon = 1e-12, string? name = null) =>
            NnOps.L2Normalize(x, axis is int a ? [a] : null, epsilon, name);

        /// <summary>x / keep_prob with probability keep_prob, else 0 (or give <paramref name="rate"/> = 1 - keep_prob).</summary>
        public static Tensor dropout(Tensor x, double? keep_prob = null, int[]? noise_shape = null, int? seed = null, string? name = null,
            double? rate = null) => NnOps.Dropout(x, null,
                rate ?? (keep_prob is double k ? 1 - k : throw new ArgumentException("dropout needs keep_prob or rate.", nameof(keep_prob))),
                noise_shape, seed, name);

        /// <summary>x / keep_prob with probability keep_prob, else 0, with keep_prob a scalar tensor (a placeholder).</summary>
        public static Tensor dropout(Tensor x, Tensor keep_prob, int[]? noise_shape = null, int? seed = null, string? name = null) =>
            NnOps.Dropout(x, keep_prob, null, noise_shape, seed, name);
    }
}
