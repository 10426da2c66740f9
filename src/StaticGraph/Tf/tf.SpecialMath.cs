using StaticGraph.Ops;

namespace StaticGraph;

// Extended math: rounding, trigonometric, gamma-family and classification functions, bool reductions, norms and
// clipping (tf.*); the same functions under tf.math.* are in tf.SpecialMath.math.cs.
public static partial class tf
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

    /// <summary>The vector p-norm over <paramref name="axis"/> (all elements when null): "euclidean" or "fro" (the 2-norm).</summary>
    public static Tensor norm(Tensor tensor, string ord = "euclidean", int[]? axis = null, bool keepdims = false, string? name = null) =>
        SpecialMathOps.Norm(tensor, ord, axis, keepdims, name);

    /// <summary>The vector p-norm over <paramref name="axis"/>: 1, 2, <see cref="double.PositiveInfinity"/> or another p &gt; 0.</summary>
    public static Tensor norm(Tensor tensor, double ord, int[]? axis = null, bool keepdims = false, string? name = null) =>
        SpecialMathOps.Norm(tensor, ord, axis, keepdims, name);

    /// <summary>The vector norm along one axis.</summary>
    public static Tensor norm(Tensor tensor, string ord, int axis, bool keepdims = false, string? name = null) =>
        SpecialMathOps.Norm(tensor, ord, [axis], keepdims, name);

    /// <summary>The vector p-norm along one axis.</summary>
    public static Tensor norm(Tensor tensor, double ord, int axis, bool keepdims = false, string? name = null) =>
        SpecialMathOps.Norm(tensor, ord, [axis], keepdims, name);

    /// <summary>t · clip_norm / max(‖t‖₂, clip_norm), the norm over <paramref name="axes"/> (all when null).</summary>
    public static Tensor clip_by_norm(Tensor t, Tensor clip_norm, int[]? axes = null, string? name = null) =>
        SpecialMathOps.ClipByNorm(t, clip_norm, axes, name);

    /// <summary>t · clip_norm / max(‖t‖₂, clip_norm) with a number as the bound.</summary>
    public static Tensor clip_by_norm(Tensor t, double clip_norm, int[]? axes = null, string? name = null) =>
        SpecialMathOps.ClipByNorm(t, OpBuilder.Scalar(clip_norm, t.DType, t.Graph, "clip_norm"), axes, name);

    /// <summary>√(Σᵢ ‖tᵢ‖₂²) over the non-null tensors.</summary>
    public static Tensor global_norm(Tensor?[] t_list, string? name = null) => SpecialMathOps.GlobalNorm(t_list, name);

    /// <summary>Each tᵢ · clip_norm / max(global_norm, clip_norm) (null entries stay null), and the global norm.</summary>
    public static (Tensor?[] list_clipped, Tensor global_norm) clip_by_global_norm(Tensor?[] t_list, Tensor clip_norm, Tensor? use_norm = null, string? name = null) =>
        SpecialMathOps.ClipByGlobalNorm(t_list, clip_norm, use_norm, name);

    /// <summary>Each tᵢ · clip_norm / max(global_norm, clip_norm) with a number as the bound.</summary>
    public static (Tensor?[] list_clipped, Tensor global_norm) clip_by_global_norm(Tensor?[] t_list, double clip_norm, Tensor? use_norm = null, string? name = null) =>
        SpecialMathOps.ClipByGlobalNorm(t_list, FirstScalar(t_list, clip_norm), use_norm, name);

    /// <summary>value with its slices along dimension 0 in a random order.</summary>
    public static Tensor random_shuffle(Tensor value, int? seed = null, string? name = null) => SpecialMathOps.RandomShuffle(value, seed, name);

    /// <summary>num_samples class indices per row of logits [batch, classes], drawn from softmax(logits).</summary>
    public static Tensor multinomial(Tensor logits, int num_samples, int? seed = null, string? name = null, DType? output_dtype = null) =>
        SpecialMathOps.Multinomial(logits, OpBuilder.Scalar(num_samples, int32, logits.Graph, "num_samples"), seed, output_dtype ?? int64, name);

    // A float scalar of the first tensor's dtype (float32 when there is none).
    private static Tensor FirstScalar(Tensor?[] t_list, double value)
    {
        var first = t_list.FirstOrDefault(t => t is not null);
        return OpBuilder.Scalar(value, first?.DType ?? float32, first?.Graph ?? StaticGraph.Graph.Default, "clip_norm");
    }
}
