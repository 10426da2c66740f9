using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Neural-network ops: activations and TF's activation-gradient ops (NnOps.Activations.cs,
/// NnOps.ActivationGrads.cs), softmax and cross-entropy losses (NnOps.Softmax.cs), fused batch normalization
/// (NnOps.Normalization.cs), TopKV2 and InTopKV2 (NnOps.TopK.cs).</summary>
internal static partial class NnOps
{
    public static IEnumerable<OpDef> Defs =>
    [
        ReluOp, Relu6Op, EluOp, SeluOp, LeakyReluOp, SoftplusOp, SoftsignOp, SigmoidOp, TanhOp,
        .. ActivationGradDefs,
        SoftmaxOp, LogSoftmaxOp, SoftmaxCrossEntropyWithLogitsOp, SparseSoftmaxCrossEntropyWithLogitsOp, L2LossOp,
        .. NormalizationDefs, TopKV2Op, InTopKV2Op,
    ];

    // Properties, not fields: static field initializers across partial files run in an undefined order.
    private static DType[] Floating => [DType.Float32, DType.Float64];

    private static DType[] RealNumbers => [DType.Float32, DType.Float64, DType.Int32, DType.Int64];

    private static TensorSpec[] FloatUnary(InferContext ctx)
    {
        ctx.ExpectInputs(1);
        ctx.ExpectDType(0, Floating);
        return ArrayOps.SameAsInput(ctx);
    }

    /// <summary>A float32/float64 elementwise op y = F(x) whose scalar function is <typeparamref name="TFn"/>.</summary>
    private static OpDef FloatMap<TFn>(string name, GradFn grad) where TFn : IScalarFn =>
        new(name, FloatUnary, b => Dispatch.On(b, b.InputDType(0), f32: () => Map<TFn, float>, f64: () => Map<TFn, double>))
        {
            Inputs = ["features: T"], Outputs = ["activations: T"],
            Grad = grad,
        };

    /// <summary>A scalar function with its attrs (LeakyRelu's alpha) read once at bind time.</summary>
    private interface IScalarFn
    {
        static abstract T Apply<T>(T x, T alpha) where T : IFloatingPointIeee754<T>;
    }

    private static void Map<TFn, T>(KernelContext ctx) where TFn : IScalarFn where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = ctx.Input(0);
        var xs = x.AsSpan<T>();
        var ys = ctx.Output(0, x.Shape).AsSpan<T>();
        T alpha = T.CreateChecked(ctx.Op.Attrs.Get("alpha", 0.2));
        for (int i = 0; i < xs.Length; i++)
        {
            ys[i] = TFn.Apply(xs[i], alpha);
        }
    }

    /// <summary>eˣ - 1 without cancellation near 0 (Kahan's trick).</summary>
    private static T ExpM1<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One)
        {
            return x;
        }

        T um1 = u - T.One;
        return um1 == -T.One || T.IsInfinity(u) ? um1 : um1 * x / T.Log(u);
    }

    /// <summary>ln(1 + x) accurate for tiny x (Goldberg's trick).</summary>
    private static T Log1P<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        return u == T.One ? x : T.Log(u) * x / (u - T.One);
    }

    /// <summary>y = max(x, 0).</summary>
    public static readonly OpDef ReluOp = new("Relu",
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, RealNumbers);
            return ArrayOps.SameAsInput(ctx);
        },
        Elementwise.Unary(
            (x, y) => TensorPrimitives.Max(x, 0f, y),
            (x, y) => TensorPrimitives.Max(x, 0d, y),
            (x, y) => TensorPrimitives.Max(x, 0, y),
            (x, y) => TensorPrimitives.Max(x, 0L, y)))
    {
        Inputs = ["features: T"], Outputs = ["activations: T"],
        Grad = g => [ReluGrad(g.Dy, g.Y, null)], // dy/dx = [x > 0] (y > 0 exactly where x > 0)
        Fusible = Fusible.Unary((x, y) => TensorPrimitives.Max(x, 0f, y), (x, y) => TensorPrimitives.Max(x, 0d, y), VectorOp.Relu),
    };

    /// <summary>y = 1 / (1 + e⁻ˣ).</summary>
    public static readonly OpDef SigmoidOp = new("Sigmoid", FloatUnary, Elementwise.Unary(TensorPrimitives.Sigmoid, TensorPrimitives.Sigmoid))
    {
        Inputs = ["x: T"], Outputs = ["y: T"],
        Grad = g => [SigmoidGrad(g.Y, g.Dy, null)], // dy/dx = y(1 - y)
        Fusible = Fusible.Unary(TensorPrimitives.Sigmoid, TensorPrimitives.Sigmoid),
    };

    /// <summary>y = tanh x.</summary>
    public static readonly OpDef TanhOp = new("Tanh", FloatUnary, Elementwise.Unary(TensorPrimitives.Tanh, TensorPrimitives.Tanh))
    {
        Inputs = ["x: T"], Outputs = ["y: T"],
        Grad = g => [TanhGrad(g.Y, g.Dy, null)], // dy/dx = 1 - y²
        Fusible = Fusible.Unary(TensorPrimitives.Tanh, TensorPrimitives.Tanh),
    };

    public static Tensor Relu(Tensor x, string? name) => Out("Relu", name, [x], ("T", x.DType));

    public static Tensor Sigmoid(Tensor x, string? name) => Out("Sigmoid", name, [x], ("T", x.DType));

    public static Tensor Tanh(Tensor x, string? name) => Out("Tanh", name, [x], ("T", x.DType));

    /// <summary>A bool tensor as 0/1 of <paramref name="dtype"/>.</summary>
    private static Tensor Indicator(Tensor condition, DType dtype) => ArrayOps.Cast(condition, dtype, null);

    /// <summary>[b] → [b, 1], so a per-row value broadcasts across a row (TF's <c>dy[:, None]</c>).</summary>
    private static Tensor Column(Tensor v) => ArrayOps.Reshape(v, IntVector([-1, 1], v.Graph), null);
}
