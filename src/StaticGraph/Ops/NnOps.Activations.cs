using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Activations beyond Relu/Sigmoid/Tanh: Relu6, Elu, Selu, LeakyRelu, Softplus, Softsign. Their rules call TF's
// *Grad ops (NnOps.ActivationGrads.cs), as TF's own gradient graphs do.
internal static partial class NnOps
{
    /// <summary>SELU's λ and α (Klambauer et al. 2017), as TF.</summary>
    internal const double SeluScale = 1.0507009873554804934193349852946, SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>y = min(max(x, 0), 6).</summary>
    public static readonly OpDef Relu6Op = new("Relu6",
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, RealNumbers);
            return ArrayOps.SameAsInput(ctx);
        },
        Elementwise.Unary(
            (x, y) => TensorPrimitives.Clamp(x, 0f, 6f, y),
            (x, y) => TensorPrimitives.Clamp(x, 0d, 6d, y),
            (x, y) => TensorPrimitives.Clamp(x, 0, 6, y),
            (x, y) => TensorPrimitives.Clamp(x, 0L, 6L, y)))
    {
        Inputs = ["features: T"], Outputs = ["activations: T"],
        Grad = g => [Relu6Grad(g.Dy, g.Y, null)], // dy/dx = [0 < x < 6]
    };

    /// <summary>y = x for x > 0, eˣ - 1 otherwise.</summary>
    public static readonly OpDef EluOp = FloatMap<EluFn>("Elu", g => [EluGrad(g.Dy, g.Y, null)]); // dy/dx = 1 for x > 0, y + 1 otherwise

    /// <summary>y = λx for x > 0, λα(eˣ - 1) otherwise.</summary>
    public static readonly OpDef SeluOp = FloatMap<SeluFn>("Selu", g => [SeluGrad(g.Dy, g.Y, null)]); // dy/dx = λ for x > 0, y + λα otherwise

    /// <summary>y = x for x > 0, αx otherwise (attr alpha, default 0.2).</summary>
    public static readonly OpDef LeakyReluOp = FloatMap<LeakyReluFn>("LeakyRelu",
        g => [LeakyReluGrad(g.Dy, g.X(0), g.Attr<double>("alpha"), null)]) // dy/dx = 1 for x > 0, α otherwise
        with { AttrDefaults = new Dictionary<string, object> { ["alpha"] = 0.2f } };

    /// <summary>y = ln(1 + eˣ). NOTE: a primitive for stability: computed as ln(1 + e^-|x|) + max(x, 0).</summary>
    public static readonly OpDef SoftplusOp = FloatMap<SoftplusFn>("Softplus", g => [SoftplusGrad(g.Dy, g.X(0), null)]); // dy/dx = σ(x)

    /// <summary>y = x / (1 + |x|).</summary>
    public static readonly OpDef SoftsignOp = FloatMap<SoftsignFn>("Softsign", g => [SoftsignGrad(g.Dy, g.X(0), null)]); // dy/dx = 1 / (1 + |x|)²

    public static Tensor Relu6(Tensor x, string? name) => Out("Relu6", name, [x], ("T", x.DType));

    public static Tensor Elu(Tensor x, string? name) => Out("Elu", name, [x], ("T", x.DType));

    public static Tensor Selu(Tensor x, string? name) => Out("Selu", name, [x], ("T", x.DType));

    public static Tensor LeakyRelu(Tensor x, double alpha, string? name) => Out("LeakyRelu", name, [x], ("alpha", alpha), ("T", x.DType));

    public static Tensor Softplus(Tensor x, string? name) => Out("Softplus", name, [x], ("T", x.DType));

    public static Tensor Softsign(Tensor x, string? name) => Out("Softsign", name, [x], ("T", x.DType));

    private sealed class EluFn : IScalarFn
    {
        public static T Apply<T>(T x, T alpha) where T : IFloatingPointIeee754<T> => x > T.Zero ? x : ExpM1(x);
    }

    private sealed class SeluFn : IScalarFn
    {
        public static T Apply<T>(T x, T alpha) where T : IFloatingPointIeee754<T> => x > T.Zero
            ? T.CreateChecked(SeluScale) * x
            : T.CreateChecked(SeluScale * SeluAlpha) * ExpM1(x);
    }

    private sealed class LeakyReluFn : IScalarFn
    {
        public static T Apply<T>(T x, T alpha) where T : IFloatingPointIeee754<T> => x > T.Zero ? x : x * alpha;
    }

    private sealed class SoftplusFn : IScalarFn
    {
        public static T Apply<T>(T x, T alpha) where T : IFloatingPointIeee754<T> => Log1P(T.Exp(-T.Abs(x))) + T.Max(x, T.Zero);
    }

    private sealed class SoftsignFn : IScalarFn
    {
        public static T Apply<T>(T x, T alpha) where T : IFloatingPointIeee754<T> => x / (T.One + T.Abs(x));
    }
}
