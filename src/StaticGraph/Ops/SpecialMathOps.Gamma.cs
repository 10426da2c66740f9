using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Functions needing care near cancellation or built from series (Kernels/SpecialFunctions): Log1p, Expm1, Erf,
// Erfc, Lgamma, Digamma, Polygamma. NOTE: primitives for numerical stability: log(1 + x), exp(x) - 1 and 1 - erf(x)
// lose all digits where these stay exact.
internal static partial class SpecialMathOps
{
    private static IEnumerable<OpDef> GammaDefs => [Log1pOp, Expm1Op, ErfOp, ErfcOp, LgammaOp, DigammaOp, PolygammaOp];

    private const double TwoOverSqrtPi = 1.1283791670955125739;

    /// <summary>y = ln(1 + x).</summary>
    public static readonly OpDef Log1pOp = ScalarUnary("Log1p", SpecialFunctions.Log1p,
        g => [g.Dy * MathOps.Reciprocal(1 + g.X(0), null)]); // dy/dx = 1/(1 + x)

    /// <summary>y = eˣ - 1.</summary>
    public static readonly OpDef Expm1Op = ScalarUnary("Expm1", SpecialFunctions.Expm1,
        g => [g.Dy * MathOps.Exp(g.X(0), null)]); // dy/dx = eˣ

    /// <summary>y = erf x = (2/√π) ∫₀ˣ e^(-t²) dt.</summary>
    public static readonly OpDef ErfOp = ScalarUnary("Erf", SpecialFunctions.Erf,
        g => [g.Dy * TwoOverSqrtPi * MathOps.Exp(-MathOps.Square(g.X(0), null), null)]); // dy/dx = (2/√π) e^(-x²)

    /// <summary>y = erfc x = 1 - erf x.</summary>
    public static readonly OpDef ErfcOp = ScalarUnary("Erfc", SpecialFunctions.Erfc,
        g => [-g.Dy * TwoOverSqrtPi * MathOps.Exp(-MathOps.Square(g.X(0), null), null)]); // dy/dx = -(2/√π) e^(-x²)

    /// <summary>y = ln |Γ(x)|.</summary>
    public static readonly OpDef LgammaOp = ScalarUnary("Lgamma", SpecialFunctions.Lgamma,
        g => [g.Dy * Digamma(g.X(0), null)]); // dy/dx = ψ(x)

    /// <summary>y = ψ(x) = Γ'(x)/Γ(x).</summary>
    public static readonly OpDef DigammaOp = ScalarUnary("Digamma", SpecialFunctions.Digamma,
        g => [g.Dy * Polygamma(Scalar(1, g.X(0).DType, g.X(0).Graph), g.X(0), null)]); // dy/dx = ψ⁽¹⁾(x)

    /// <summary>z = ψ⁽ᵃ⁾(x), the a-th derivative of ψ (a a non-negative integer; NaN otherwise), broadcasting.</summary>
    public static readonly OpDef PolygammaOp = new("Polygamma",
        ctx =>
        {
            var specs = Broadcast.Infer(ctx);
            ctx.ExpectDType(0, Floating);
            return specs;
        },
        b => Dispatch.On(b, b.InputDType(0),
            f32: () => Broadcast.Kernel(BinaryFn<float, float>.FromScalar((a, x) => (float)SpecialFunctions.Polygamma(a, x))),
            f64: () => Broadcast.Kernel(BinaryFn<double, double>.FromScalar(SpecialFunctions.Polygamma))))
    {
        Inputs = ["a: T", "x: T"], Outputs = ["z: T"],
        Grad = g => [null, g.Dy * Polygamma(g.X(0) + 1, g.X(1), null)], // dz/da: none (integer order), dz/dx = ψ⁽ᵃ⁺¹⁾(x)
        Broadcasts = true,
    };

    public static Tensor Log1p(Tensor x, string? name) => MathOps.UnaryOp("Log1p", x, name);

    public static Tensor Expm1(Tensor x, string? name) => MathOps.UnaryOp("Expm1", x, name);

    public static Tensor Erf(Tensor x, string? name) => MathOps.UnaryOp("Erf", x, name);

    public static Tensor Erfc(Tensor x, string? name) => MathOps.UnaryOp("Erfc", x, name);

    public static Tensor Lgamma(Tensor x, string? name) => MathOps.UnaryOp("Lgamma", x, name);

    public static Tensor Digamma(Tensor x, string? name) => MathOps.UnaryOp("Digamma", x, name);

    public static Tensor Polygamma(Tensor a, Tensor x, string? name) => MathOps.BinaryOp("Polygamma", a, x, name);
}
