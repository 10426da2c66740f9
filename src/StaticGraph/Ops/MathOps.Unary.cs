using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Unary elementwise math: Neg, Square, Sqrt, Rsqrt, Exp, Log, Abs, Sign, Reciprocal.
internal static partial class MathOps
{
    private static IEnumerable<OpDef> UnaryDefs => [NegOp, SquareOp, SqrtOp, RsqrtOp, ExpOp, LogOp, AbsOp, SignOp, ReciprocalOp];

    private static OpDef UnaryNumeric(string name, INumericUnary fn, GradFn? grad, VectorOp vector = VectorOp.None) => new(name,
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, Numeric);
            return ArrayOps.SameAsInput(ctx);
        },
        NumericUnary.Kernel(fn))
    {
        Inputs = ["x: T"], Outputs = ["y: T"],
        Grad = grad,
        Fusible = Fusible.Unary(fn, vector),
    };

    private static OpDef UnaryFloat(string name, UnarySpan<float> f32, UnarySpan<double> f64, GradFn grad) => new(name,
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, Floating);
            return ArrayOps.SameAsInput(ctx);
        },
        Elementwise.Unary(f32, f64))
    {
        Inputs = ["x: T"], Outputs = ["y: T"],
        Grad = grad,
        Fusible = Fusible.Unary(f32, f64),
    };

    /// <summary>Builds a unary op node.</summary>
    public static Tensor UnaryOp(string type, Tensor x, string? name) => Out(type, name, [x], ("T", x.DType));

    /// <summary>y = -x.</summary>
    public static readonly OpDef NegOp = UnaryNumeric("Neg", new NegFn(), g => [-g.Dy], VectorOp.Neg); // dy/dx = -1

    /// <summary>y = x².</summary>
    public static readonly OpDef SquareOp = UnaryNumeric("Square", new SquareFn(), g => [g.Dy * (2 * g.X(0))], VectorOp.Square); // dy/dx = 2x

    /// <summary>y = √x.</summary>
    public static readonly OpDef SqrtOp = UnaryFloat("Sqrt", TensorPrimitives.Sqrt, TensorPrimitives.Sqrt,
        g => [g.Dy * 0.5 / g.Y]); // dy/dx = 1 / (2√x)

    /// <summary>y = 1 / √x.</summary>
    public static readonly OpDef RsqrtOp = UnaryFloat("Rsqrt", TensorPrimitives.ReciprocalSqrt, TensorPrimitives.ReciprocalSqrt,
        g => [g.Dy * -0.5 * g.Y * g.Y * g.Y]); // dy/dx = -y³ / 2

    /// <summary>y = eˣ.</summary>
    public static readonly OpDef ExpOp = UnaryFloat("Exp", TensorPrimitives.Exp, TensorPrimitives.Exp, g => [g.Dy * g.Y]); // dy/dx = eˣ

    /// <summary>y = ln x.</summary>
    public static readonly OpDef LogOp = UnaryFloat("Log", TensorPrimitives.Log, TensorPrimitives.Log, g => [g.Dy / g.X(0)]); // dy/dx = 1/x

    /// <summary>y = |x|.</summary>
    public static readonly OpDef AbsOp = UnaryNumeric("Abs", new AbsFn(), g => [g.Dy * Sign(g.X(0), null)]); // dy/dx = sign(x)

    /// <summary>y = sign(x) ∈ {-1, 0, 1} (NaN stays NaN).</summary>
    public static readonly OpDef SignOp = UnaryNumeric("Sign", new SignFn(), null) with { NoGradient = "piecewise constant" };

    /// <summary>y = 1 / x.</summary>
    public static readonly OpDef ReciprocalOp = UnaryNumeric("Reciprocal", new ReciprocalFn(), g => [-g.Dy * g.Y * g.Y]); // dy/dx = -1/x²

    public static Tensor Neg(Tensor x, string? name) => UnaryOp("Neg", x, name);

    public static Tensor Square(Tensor x, string? name) => UnaryOp("Square", x, name);

    public static Tensor Sqrt(Tensor x, string? name) => UnaryOp("Sqrt", x, name);

    public static Tensor Rsqrt(Tensor x, string? name) => UnaryOp("Rsqrt", x, name);

    public static Tensor Exp(Tensor x, string? name) => UnaryOp("Exp", x, name);

    public static Tensor Log(Tensor x, string? name) => UnaryOp("Log", x, name);

    public static Tensor Abs(Tensor x, string? name) => UnaryOp("Abs", x, name);

    public static Tensor Sign(Tensor x, string? name) => UnaryOp("Sign", x, name);

    public static Tensor Reciprocal(Tensor x, string? name) => UnaryOp("Reciprocal", x, name);

    private sealed class NegFn : INumericUnary
    {
        public UnarySpan<T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => Elementwise.Map<T>(x => unchecked(-x));
    }

    private sealed class SquareFn : INumericUnary
    {
        public UnarySpan<T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => (x, y) => TensorPrimitives.Multiply(x, x, y);
    }

    private sealed class AbsFn : INumericUnary
    {
        public UnarySpan<T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => Elementwise.Map<T>(x => x < T.Zero ? unchecked(-x) : x);
    }

    private sealed class SignFn : INumericUnary
    {
        public UnarySpan<T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> =>
            Elementwise.Map<T>(x => x > T.Zero ? T.One : x < T.Zero ? -T.One : x);
    }

    private sealed class ReciprocalFn : INumericUnary
    {
        public UnarySpan<T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => Elementwise.Map<T>(x =>
            !IsFloat<T>() && x == T.Zero ? throw DivisionByZero() : T.One / x);
    }
}
