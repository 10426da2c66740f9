using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Extended math: SquaredDifference, Atan2, truncating division and remainder (Mod, TruncateDiv,
/// TruncateMod) here; trigonometric and hyperbolic functions, rounding and float classification, the gamma family
/// with erf/erfc, the bool reductions All/Any, RandomShuffle and Multinomial in the partial files by concern.</summary>
internal static partial class SpecialMathOps
{
    public static IEnumerable<OpDef> Defs =>
    [
        SquaredDifferenceOp, Atan2Op, ModOp, TruncateDivOp, TruncateModOp,
        .. TrigDefs, .. RoundingDefs, .. GammaDefs, .. LogicalDefs, .. RandomDefs,
    ];

    // Expression-bodied, not fields: static field initializers in partial files run in an unspecified order.
    private static DType[] Floating => [DType.Float32, DType.Float64];

    private static DType[] Numeric => [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8];

    private static DType[] SignedNumeric => [DType.Float32, DType.Float64, DType.Int32, DType.Int64];

    /// <summary>A float32/float64 elementwise op y = f(x) with the given span kernels.</summary>
    private static OpDef FloatUnary(string name, UnarySpan<float> f32, UnarySpan<double> f64, GradFn? grad, string? noGradient = null) => new(name,
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
        NoGradient = noGradient,
    };

    /// <summary>A float32/float64 elementwise op from a double-precision scalar function (float32 rounds once).</summary>
    private static OpDef ScalarUnary(string name, Func<double, double> f, GradFn grad) =>
        FloatUnary(name, Elementwise.Map<float>(v => (float)f(v)), Elementwise.Map(f), grad);

    /// <summary>A broadcasting binary op over <paramref name="dtypes"/>.</summary>
    private static OpDef Binary(string name, INumericBinary fn, DType[] dtypes, GradFn? grad, string? noGradient = null) => new(name,
        ctx =>
        {
            var specs = Broadcast.Infer(ctx);
            ctx.ExpectDType(0, dtypes);
            return specs;
        },
        Broadcast.Numeric(fn))
    {
        Inputs = ["x: T", "y: T"], Outputs = ["z: T"],
        Grad = grad,
        NoGradient = noGradient,
        Broadcasts = true,
    };

    /// <summary>z = (x - y)².</summary>
    public static readonly OpDef SquaredDifferenceOp = Binary("SquaredDifference", new SquaredDifferenceFn(), SignedNumeric, g =>
    {
        var dx = 2 * g.Dy * (g.X(0) - g.X(1));
        return [dx, -dx]; // dz/dx = 2(x - y), dz/dy = -2(x - y)
    });

    /// <summary>z = atan2(y, x), the angle of the point (x, y) in (-π, π].</summary>
    public static readonly OpDef Atan2Op = Binary("Atan2", new Atan2Fn(), Floating, g =>
    {
        var (y, x) = (g.X(0), g.X(1));
        var scale = g.Dy / (MathOps.Square(x, null) + MathOps.Square(y, null));
        return [x * scale, -y * scale]; // dz/dy = x/(x² + y²), dz/dx = -y/(x² + y²)
    });

    /// <summary>z = x - trunc(x / y)·y: C's fmod for floats and % for integers (the sign of x).</summary>
    public static readonly OpDef ModOp = Binary("Mod", new TruncateModFn(), SignedNumeric, TruncModGrad);

    /// <summary>z = trunc(x / y) (integer division rounding toward zero, as C).</summary>
    public static readonly OpDef TruncateDivOp = Binary("TruncateDiv", new TruncateDivFn(), Numeric, null, "piecewise constant");

    /// <summary>z = x - trunc(x / y)·y (same as Mod).</summary>
    public static readonly OpDef TruncateModOp = Binary("TruncateMod", new TruncateModFn(), SignedNumeric, TruncModGrad);

    // dz/dx = 1, dz/dy = -trunc(x/y)
    private static Tensor?[] TruncModGrad(Autodiff.GradContext g) => [g.Dy, -g.Dy * TruncateDiv(g.X(0), g.X(1), null)];

    public static Tensor SquaredDifference(Tensor x, Tensor y, string? name) => MathOps.BinaryOp("SquaredDifference", x, y, name);

    public static Tensor Atan2(Tensor y, Tensor x, string? name) => MathOps.BinaryOp("Atan2", y, x, name);

    public static Tensor Mod(Tensor x, Tensor y, string? name) => MathOps.BinaryOp("Mod", x, y, name);

    public static Tensor TruncateDiv(Tensor x, Tensor y, string? name) => MathOps.BinaryOp("TruncateDiv", x, y, name);

    public static Tensor TruncateMod(Tensor x, Tensor y, string? name) => MathOps.BinaryOp("TruncateMod", x, y, name);

    private sealed class SquaredDifferenceFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => new(
            (x, y, d) =>
            {
                TensorPrimitives.Subtract(x, y, d);
                TensorPrimitives.Multiply(d, d, d);
            },
            (x, y, d) =>
            {
                TensorPrimitives.Subtract(x, y, d);
                TensorPrimitives.Multiply(d, d, d);
            },
            (x, y, d) =>
            {
                TensorPrimitives.Subtract(x, y, d);
                TensorPrimitives.Multiply(d, d, d);
            });
    }

    private sealed class Atan2Fn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => typeof(T) == typeof(float)
            ? (BinaryFn<T, T>)(object)new BinaryFn<float, float>(TensorPrimitives.Atan2, TensorPrimitives.Atan2, TensorPrimitives.Atan2)
            : (BinaryFn<T, T>)(object)new BinaryFn<double, double>(TensorPrimitives.Atan2, TensorPrimitives.Atan2, TensorPrimitives.Atan2);
    }

    private sealed class TruncateDivFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => IsFloat<T>()
            ? BinaryFn<T, T>.FromScalar((a, b) => T.CreateTruncating(Math.Truncate(double.CreateTruncating(a / b))))
            : BinaryFn<T, T>.FromScalar((a, b) => b == T.Zero ? throw DivisionByZero() : IsMinusOne(b) ? unchecked(-a) : a / b);
    }

    private sealed class TruncateModFn : INumericBinary
    {
        // C#'s % is C's: fmod for floats (NaN for a zero divisor), the remainder of truncating division for integers.
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => IsFloat<T>()
            ? BinaryFn<T, T>.FromScalar((a, b) => a % b)
            : BinaryFn<T, T>.FromScalar((a, b) => b == T.Zero ? throw DivisionByZero() : IsMinusOne(b) ? T.Zero : a % b);
    }

    // .NET throws OverflowException for MinValue / -1 and MinValue % -1; the results wrap (MinValue and 0) as in C.
    private static bool IsMinusOne<T>(T b) where T : INumber<T> => T.IsNegative(b) && b == -T.One;

    private static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    private static InvalidArgumentException DivisionByZero() => new("Integer division by zero");
}
