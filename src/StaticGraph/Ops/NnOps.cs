using System.Numerics.Tensors;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Neural-network activations: Relu, Sigmoid, Tanh, Softmax.</summary>
internal static class NnOps
{
    public static IEnumerable<OpDef> Defs => [ReluOp, SigmoidOp, TanhOp, SoftmaxOp];

    private static readonly DType[] Floating = [DType.Float32, DType.Float64];

    private static TensorSpec[] FloatUnary(InferContext ctx)
    {
        ctx.ExpectInputs(1);
        ctx.ExpectDType(0, Floating);
        return ArrayOps.SameAsInput(ctx);
    }

    /// <summary>y = max(x, 0).</summary>
    public static readonly OpDef ReluOp = new("Relu",
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
            return ArrayOps.SameAsInput(ctx);
        },
        Elementwise.Unary(
            (x, y) => TensorPrimitives.Max(x, 0f, y),
            (x, y) => TensorPrimitives.Max(x, 0d, y),
            (x, y) => TensorPrimitives.Max(x, 0, y),
            (x, y) => TensorPrimitives.Max(x, 0L, y)))
    {
        Grad = g => [g.Dy * ArrayOps.Cast(g.Y > 0, g.Dy.DType, null)], // dy/dx = [x > 0]
    };

    /// <summary>y = 1 / (1 + e⁻ˣ).</summary>
    public static readonly OpDef SigmoidOp = new("Sigmoid", FloatUnary, Elementwise.Unary(TensorPrimitives.Sigmoid, TensorPrimitives.Sigmoid))
    {
        Grad = g => [g.Dy * g.Y * (1 - g.Y)], // dy/dx = y(1 - y)
    };

    /// <summary>y = tanh x.</summary>
    public static readonly OpDef TanhOp = new("Tanh", FloatUnary, Elementwise.Unary(TensorPrimitives.Tanh, TensorPrimitives.Tanh))
    {
        Grad = g => [g.Dy * (1 - (g.Y * g.Y))], // dy/dx = 1 - y²
    };

    /// <summary>y_i = e^(x_i - max x) / Σ_j e^(x_j - max x) along the last axis.</summary>
    public static readonly OpDef SoftmaxOp = new("Softmax",
        ctx =>
        {
            var specs = FloatUnary(ctx);
            if (ctx.Shape(0).HasRank && ctx.Shape(0).Rank < 1)
            {
                throw ctx.Error($"logits must have rank >= 1, got shape {ctx.Shape(0)}");
            }

            return specs;
        },
        b => Dispatch.On(b, b.InputDType(0), f32: () => Softmax<float>, f64: () => Softmax<double>))
    {
        // dx = (dy - Σ_j dy_j·y_j) · y
        Grad = g => [(g.Dy - ReduceOps.Sum(g.Dy * g.Y, [-1], true, null)) * g.Y],
    };

    public static Tensor Relu(Tensor x, string? name) => Out("Relu", name, [x], ("T", x.DType));

    public static Tensor Sigmoid(Tensor x, string? name) => Out("Sigmoid", name, [x], ("T", x.DType));

    public static Tensor Tanh(Tensor x, string? name) => Out("Tanh", name, [x], ("T", x.DType));

    public static Tensor Softmax(Tensor logits, string? name) => Out("Softmax", name, [logits], ("T", logits.DType));

    private static void Softmax<T>(KernelContext ctx) where T : unmanaged, System.Numerics.IExponentialFunctions<T>, System.Numerics.INumber<T>
    {
        var x = ctx.Input(0);
        var y = ctx.Output(0, x.Shape);
        int n = x.Shape[-1];
        if (n == 0)
        {
            return;
        }

        var xs = x.AsSpan<T>();
        var ys = y.AsSpan<T>();
        for (int r = 0; r < xs.Length / n; r++)
        {
            var row = xs.Slice(r * n, n);
            var dst = ys.Slice(r * n, n);
            TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), dst);
            TensorPrimitives.Exp(dst, dst);
            TensorPrimitives.Divide(dst, TensorPrimitives.Sum<T>(dst), dst);
        }
    }
}
