using StaticGraph.Ops;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>Math functions (<c>tf.math.*</c>).</summary>
    public static partial class math
    {
        /// <summary>ln(1 + x), accurate near 0.</summary>
        public static Tensor log1p(Tensor x, string? name = null) => SpecialMathOps.Log1p(x, name);

        /// <summary>eˣ - 1, accurate near 0.</summary>
        public static Tensor expm1(Tensor x, string? name = null) => SpecialMathOps.Expm1(x, name);

        /// <summary>⌊x⌋.</summary>
        public static Tensor floor(Tensor x, string? name = null) => SpecialMathOps.Floor(x, name);

        /// <summary>⌈x⌉.</summary>
        public static Tensor ceil(Tensor x, string? name = null) => SpecialMathOps.Ceil(x, name);

        /// <summary>x rounded to the nearest integer, halves to even.</summary>
        public static Tensor round(Tensor x, string? name = null) => SpecialMathOps.Round(x, name);

        /// <summary>The integer nearest x, halves to even.</summary>
        public static Tensor rint(Tensor x, string? name = null) => SpecialMathOps.Rint(x, name);

        /// <summary>sin x.</summary>
        public static Tensor sin(Tensor x, string? name = null) => SpecialMathOps.Sin(x, name);

        /// <summary>cos x.</summary>
        public static Tensor cos(Tensor x, string? name = null) => SpecialMathOps.Cos(x, name);

        /// <summary>tan x.</summary>
        public static Tensor tan(Tensor x, string? name = null) => SpecialMathOps.Tan(x, name);

        /// <summary>arcsin x.</summary>
        public static Tensor asin(Tensor x, string? name = null) => SpecialMathOps.Asin(x, name);

        /// <summary>arccos x.</summary>
        public static Tensor acos(Tensor x, string? name = null) => SpecialMathOps.Acos(x, name);

        /// <summary>arctan x.</summary>
        public static Tensor atan(Tensor x, string? name = null) => SpecialMathOps.Atan(x, name);

        /// <summary>sinh x.</summary>
        public static Tensor sinh(Tensor x, string? name = null) => SpecialMathOps.Sinh(x, name);

        /// <summary>cosh x.</summary>
        public static Tensor cosh(Tensor x, string? name = null) => SpecialMathOps.Cosh(x, name);

        /// <summary>arsinh x.</summary>
        public static Tensor asinh(Tensor x, string? name = null) => SpecialMathOps.Asinh(x, name);

        /// <summary>arcosh x.</summary>
        public static Tensor acosh(Tensor x, string? name = null) => SpecialMathOps.Acosh(x, name);

        /// <summary>artanh x.</summary>
        public static Tensor atanh(Tensor x, string? name = null) => SpecialMathOps.Atanh(x, name);

        /// <summary>erf x = (2/√π) ∫₀ˣ e^(-t²) dt.</summary>
        public static Tensor erf(Tensor x, string? name = null) => SpecialMathOps.Erf(x, name);

        /// <summary>erfc x = 1 - erf x.</summary>
        public static Tensor erfc(Tensor x, string? name = null) => SpecialMathOps.Erfc(x, name);

        /// <summary>ln |Γ(x)|.</summary>
        public static Tensor lgamma(Tensor x, string? name = null) => SpecialMathOps.Lgamma(x, name);

        /// <summary>ψ(x) = Γ'(x)/Γ(x).</summary>
        public static Tensor digamma(Tensor x, string? name = null) => SpecialMathOps.Digamma(x, name);

        /// <summary>x is NaN.</summary>
        public static Tensor is_nan(Tensor x, string? name = null) => SpecialMathOps.IsNan(x, name);

        /// <summary>x is ±∞.</summary>
        public static Tensor is_inf(Tensor x, string? name = null) => SpecialMathOps.IsInf(x, name);

        /// <summary>x is neither NaN nor ±∞.</summary>
        public static Tensor is_finite(Tensor x, string? name = null) => SpecialMathOps.IsFinite(x, name);

        /// <summary>(x - y)² elementwise, broadcasting.</summary>
        public static Tensor squared_difference(Tensor x, Tensor y, string? name = null) => SpecialMathOps.SquaredDifference(x, y, name);

        /// <summary>The angle of the point (x, y) in (-π, π].</summary>
        public static Tensor atan2(Tensor y, Tensor x, string? name = null) => SpecialMathOps.Atan2(y, x, name);

        /// <summary>x / y rounded toward zero.</summary>
        public static Tensor truncatediv(Tensor x, Tensor y, string? name = null) => SpecialMathOps.TruncateDiv(x, y, name);

        /// <summary>x - trunc(x / y)·y (the sign of x).</summary>
        public static Tensor truncatemod(Tensor x, Tensor y, string? name = null) => SpecialMathOps.TruncateMod(x, y, name);

        /// <summary>ψ⁽ᵃ⁾(x), the a-th derivative of the digamma function.</summary>
        public static Tensor polygamma(Tensor a, Tensor x, string? name = null) => SpecialMathOps.Polygamma(a, x, name);

        /// <summary>Logical and over <paramref name="axis"/> (all axes when null).</summary>
        public static Tensor reduce_all(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
            SpecialMathOps.All(input_tensor, axis, keepdims, name);

        /// <summary>Logical and over one axis.</summary>
        public static Tensor reduce_all(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
            SpecialMathOps.All(input_tensor, [axis], keepdims, name);

        /// <summary>Logical or over <paramref name="axis"/> (all axes when null).</summary>
        public static Tensor reduce_any(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
            SpecialMathOps.Any(input_tensor, axis, keepdims, name);

        /// <summary>Logical or over one axis.</summary>
        public static Tensor reduce_any(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
            SpecialMathOps.Any(input_tensor, [axis], keepdims, name);

        /// <summary>log Σ exp(x) over <paramref name="axis"/>, computed stably.</summary>
        public static Tensor reduce_logsumexp(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
            SpecialMathOps.ReduceLogSumExp(input_tensor, axis, keepdims, name);

        /// <summary>log Σ exp(x) over one axis.</summary>
        public static Tensor reduce_logsumexp(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
            SpecialMathOps.ReduceLogSumExp(input_tensor, [axis], keepdims, name);

        /// <summary>The number of nonzero elements over <paramref name="axis"/> (all axes when null), int64 by default.</summary>
        public static Tensor count_nonzero(Tensor input_tensor, int[]? axis = null, bool keepdims = false, DType? dtype = null, string? name = null) =>
            SpecialMathOps.CountNonzero(input_tensor, axis, keepdims, dtype ?? int64, name);

        /// <summary>cm[i, j] = the (weighted) count of examples with label i and prediction j.</summary>
        public static Tensor confusion_matrix(Tensor labels, Tensor predictions, int? num_classes = null, Tensor? weights = null, DType? dtype = null, string? name = null) =>
            SpecialMathOps.ConfusionMatrix(labels, predictions, num_classes, weights, dtype ?? int32, name);

        /// <summary>The variance over <paramref name="axis"/> (all axes when null).</summary>
        public static Tensor reduce_variance(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
            SpecialMathOps.ReduceVariance(input_tensor, axis, keepdims, name);

        /// <summary>The variance over one axis.</summary>
        public static Tensor reduce_variance(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
            SpecialMathOps.ReduceVariance(input_tensor, [axis], keepdims, name);

        /// <summary>The standard deviation over <paramref name="axis"/> (all axes when null).</summary>
        public static Tensor reduce_std(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
            SpecialMathOps.ReduceStd(input_tensor, axis, keepdims, name);

        /// <summary>The standard deviation over one axis.</summary>
        public static Tensor reduce_std(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
            SpecialMathOps.ReduceStd(input_tensor, [axis], keepdims, name);
    }
}
