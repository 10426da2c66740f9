using StaticGraph.Ops;

namespace StaticGraph;

// Math, comparisons, reductions, casts and shapes.
public static partial class tf
{
    /// <summary>C = op(a) · op(b); rank >= 3 on either side is a batch product with broadcast batch dimensions
    /// (BatchMatMulV2).</summary>
    public static Tensor matmul(Tensor a, Tensor b, bool transpose_a = false, bool transpose_b = false, string? name = null) =>
        LinalgOps.MatMulAny(a, b, transpose_a, transpose_b, name);

    /// <summary>x + y.</summary>
    public static Tensor add(Tensor x, Tensor y, string? name = null) => MathOps.Add(x, y, name);

    /// <summary>x - y.</summary>
    public static Tensor subtract(Tensor x, Tensor y, string? name = null) => MathOps.Sub(x, y, name);

    /// <summary>x · y elementwise.</summary>
    public static Tensor multiply(Tensor x, Tensor y, string? name = null) => MathOps.Mul(x, y, name);

    /// <summary>x / y, true division (integers are cast to floats first).</summary>
    public static Tensor divide(Tensor x, Tensor y, string? name = null) => Tensor.TrueDiv(x, y, name ?? "truediv");

    /// <summary>x / y, true division (integers are cast to floats first).</summary>
    public static Tensor truediv(Tensor x, Tensor y, string? name = null) => Tensor.TrueDiv(x, y, name ?? "truediv");

    /// <summary>x / y with Python 2 semantics: floor division for integers, true division for floats.</summary>
    public static Tensor div(Tensor x, Tensor y, string? name = null) => x.DType.IsInteger
        ? MathOps.FloorDiv(x, y, name ?? "div")
        : MathOps.RealDiv(x, y, name ?? "div");

    /// <summary>floor(x / y).</summary>
    public static Tensor floordiv(Tensor x, Tensor y, string? name = null) => MathOps.FloorDiv(x, y, name);

    /// <summary>x mod y with the sign of y.</summary>
    public static Tensor floormod(Tensor x, Tensor y, string? name = null) => MathOps.FloorMod(x, y, name);

    /// <summary>x mod y with the sign of y (alias of floormod).</summary>
    public static Tensor mod(Tensor x, Tensor y, string? name = null) => MathOps.FloorMod(x, y, name);

    /// <summary>max(x, y) elementwise.</summary>
    public static Tensor maximum(Tensor x, Tensor y, string? name = null) => MathOps.Maximum(x, y, name);

    /// <summary>min(x, y) elementwise.</summary>
    public static Tensor minimum(Tensor x, Tensor y, string? name = null) => MathOps.Minimum(x, y, name);

    /// <summary>x ^ y.</summary>
    public static Tensor pow(Tensor x, Tensor y, string? name = null) => MathOps.Pow(x, y, name);

    /// <summary>-x.</summary>
    public static Tensor negative(Tensor x, string? name = null) => MathOps.Neg(x, name);

    /// <summary>x².</summary>
    public static Tensor square(Tensor x, string? name = null) => MathOps.Square(x, name);

    /// <summary>√x.</summary>
    public static Tensor sqrt(Tensor x, string? name = null) => MathOps.Sqrt(x, name);

    /// <summary>1 / √x.</summary>
    public static Tensor rsqrt(Tensor x, string? name = null) => MathOps.Rsqrt(x, name);

    /// <summary>eˣ.</summary>
    public static Tensor exp(Tensor x, string? name = null) => MathOps.Exp(x, name);

    /// <summary>ln x.</summary>
    public static Tensor log(Tensor x, string? name = null) => MathOps.Log(x, name);

    /// <summary>|x|.</summary>
    public static Tensor abs(Tensor x, string? name = null) => MathOps.Abs(x, name);

    /// <summary>sign(x) ∈ {-1, 0, 1}.</summary>
    public static Tensor sign(Tensor x, string? name = null) => MathOps.Sign(x, name);

    /// <summary>1 / x.</summary>
    public static Tensor reciprocal(Tensor x, string? name = null) => MathOps.Reciprocal(x, name);

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    public static Tensor sigmoid(Tensor x, string? name = null) => NnOps.Sigmoid(x, name);

    /// <summary>tanh x.</summary>
    public static Tensor tanh(Tensor x, string? name = null) => NnOps.Tanh(x, name);

    /// <summary>x == y.</summary>
    public static Tensor equal(Tensor x, Tensor y, string? name = null) => MathOps.Equal(x, y, name);

    /// <summary>x != y.</summary>
    public static Tensor not_equal(Tensor x, Tensor y, string? name = null) => MathOps.NotEqual(x, y, name);

    /// <summary>x &lt; y.</summary>
    public static Tensor less(Tensor x, Tensor y, string? name = null) => MathOps.Less(x, y, name);

    /// <summary>x &lt;= y.</summary>
    public static Tensor less_equal(Tensor x, Tensor y, string? name = null) => MathOps.LessEqual(x, y, name);

    /// <summary>x &gt; y.</summary>
    public static Tensor greater(Tensor x, Tensor y, string? name = null) => MathOps.Greater(x, y, name);

    /// <summary>x &gt;= y.</summary>
    public static Tensor greater_equal(Tensor x, Tensor y, string? name = null) => MathOps.GreaterEqual(x, y, name);

    /// <summary>x ∧ y.</summary>
    public static Tensor logical_and(Tensor x, Tensor y, string? name = null) => MathOps.LogicalAnd(x, y, name);

    /// <summary>x ∨ y.</summary>
    public static Tensor logical_or(Tensor x, Tensor y, string? name = null) => MathOps.LogicalOr(x, y, name);

    /// <summary>¬x.</summary>
    public static Tensor logical_not(Tensor x, string? name = null) => MathOps.LogicalNot(x, name);

    /// <summary>Σ over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_sum(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
        ReduceOps.Sum(input_tensor, axis, keepdims, name);

    /// <summary>Σ over one axis.</summary>
    public static Tensor reduce_sum(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
        ReduceOps.Sum(input_tensor, [axis], keepdims, name);

    /// <summary>Mean over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_mean(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
        ReduceOps.Mean(input_tensor, axis, keepdims, name);

    /// <summary>Mean over one axis.</summary>
    public static Tensor reduce_mean(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
        ReduceOps.Mean(input_tensor, [axis], keepdims, name);

    /// <summary>Maximum over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_max(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
        ReduceOps.Max(input_tensor, axis, keepdims, name);

    /// <summary>Maximum over one axis.</summary>
    public static Tensor reduce_max(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
        ReduceOps.Max(input_tensor, [axis], keepdims, name);

    /// <summary>Minimum over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_min(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
        ReduceOps.Min(input_tensor, axis, keepdims, name);

    /// <summary>Minimum over one axis.</summary>
    public static Tensor reduce_min(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
        ReduceOps.Min(input_tensor, [axis], keepdims, name);

    /// <summary>Π over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor reduce_prod(Tensor input_tensor, int[]? axis = null, bool keepdims = false, string? name = null) =>
        ReduceOps.Prod(input_tensor, axis, keepdims, name);

    /// <summary>Π over one axis.</summary>
    public static Tensor reduce_prod(Tensor input_tensor, int axis, bool keepdims = false, string? name = null) =>
        ReduceOps.Prod(input_tensor, [axis], keepdims, name);

    /// <summary>Index of the largest value along <paramref name="axis"/> (int64 by default).</summary>
    public static Tensor argmax(Tensor input, int axis, string? name = null, DType? output_type = null) =>
        ReduceOps.ArgMax(input, axis, output_type ?? int64, name);

    /// <summary>Index of the smallest value along <paramref name="axis"/> (int64 by default).</summary>
    public static Tensor argmin(Tensor input, int axis, string? name = null, DType? output_type = null) =>
        ReduceOps.ArgMin(input, axis, output_type ?? int64, name);

    /// <summary>x converted to <paramref name="dtype"/>.</summary>
    public static Tensor cast(Tensor x, DType dtype, string? name = null) => ArrayOps.Cast(x, dtype, name ?? "Cast");

    /// <summary>x with new dimensions (one may be -1).</summary>
    public static Tensor reshape(Tensor tensor, Shape shape, string? name = null) =>
        ArrayOps.Reshape(tensor, OpBuilder.IntVector((shape ?? throw new ArgumentNullException(nameof(shape))).ToArray(), tensor.Graph, "Reshape/shape"), name);

    /// <summary>x with the dimensions held by a shape tensor.</summary>
    public static Tensor reshape(Tensor tensor, Tensor shape, string? name = null) => ArrayOps.Reshape(tensor, shape, name);

    /// <summary>The dynamic shape of <paramref name="input"/> as an int32 (or <paramref name="out_type"/>) vector.</summary>
    public static Tensor shape(Tensor input, string? name = null, DType? out_type = null) => ArrayOps.ShapeOf(input, out_type ?? int32, name);

    /// <summary>The number of elements of <paramref name="input"/>.</summary>
    public static Tensor size(Tensor input, string? name = null, DType? out_type = null) => ArrayOps.Size(input, out_type ?? int32, name);

    /// <summary>The rank of <paramref name="input"/>.</summary>
    public static Tensor rank(Tensor input, string? name = null) => ArrayOps.Rank(input, name);
}
