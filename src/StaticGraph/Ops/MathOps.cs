using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Binary elementwise arithmetic with numpy broadcasting: Add, AddV2, Sub, Mul, RealDiv, Div, FloorDiv,
/// FloorMod, Maximum, Minimum, Pow. The autodiff driver reduces each gradient to its input's shape, so the rules
/// below ignore broadcasting.</summary>
internal static partial class MathOps
{
    public static IEnumerable<OpDef> Defs =>
    [
        AddOp, AddV2Op, SubOp, MulOp, RealDivOp, DivOp, FloorDivOp, FloorModOp, MaximumOp, MinimumOp, PowOp,
        .. CompareDefs, .. UnaryDefs, MatMulOp,
    ];

    private static readonly DType[] Numeric = [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8];
    private static readonly DType[] Floating = [DType.Float32, DType.Float64];

    private static OpDef Binary(string name, INumericBinary fn, GradFn? grad, DType[]? dtypes = null, VectorOp vector = VectorOp.None) => new(name,
        ctx =>
        {
            var specs = Broadcast.Infer(ctx);
            ctx.ExpectDType(0, dtypes ?? Numeric);
            return specs;
        },
        Broadcast.Numeric(fn))
    {
        Inputs = ["x: T", "y: T"], Outputs = ["z: T"],
        Grad = grad,
        Broadcasts = true,
        Fusible = Fusible.Binary(fn, vector),
    };

    /// <summary>Builds a binary op node (the type attr T is the shared input dtype).</summary>
    public static Tensor BinaryOp(string type, Tensor x, Tensor y, string? name) => Out(type, name, [x, y], ("T", x.DType));

    /// <summary>z = x + y.</summary>
    public static readonly OpDef AddOp = Binary("Add", new AddFn(), g => [g.Dy, g.Dy], vector: VectorOp.Add); // dz/dx = 1, dz/dy = 1

    /// <summary>z = x + y (TF2's name for Add, also in TF1 graphs).</summary>
    public static readonly OpDef AddV2Op = Binary("AddV2", new AddFn(), g => [g.Dy, g.Dy], vector: VectorOp.Add); // dz/dx = 1, dz/dy = 1

    /// <summary>z = x - y.</summary>
    public static readonly OpDef SubOp = Binary("Sub", new SubFn(), g => [g.Dy, -g.Dy], vector: VectorOp.Sub); // dz/dx = 1, dz/dy = -1

    /// <summary>z = x · y.</summary>
    public static readonly OpDef MulOp = Binary("Mul", new MulFn(), g => [g.Dy * g.X(1), g.Dy * g.X(0)], vector: VectorOp.Mul); // dz/dx = y, dz/dy = x

    /// <summary>z = x / y (floating point).</summary>
    public static readonly OpDef RealDivOp = Binary("RealDiv", new DivFn(), DivGrad, Floating, VectorOp.Div);

    /// <summary>z = x / y; integer division truncates toward zero, as in C.</summary>
    public static readonly OpDef DivOp = Binary("Div", new DivFn(), DivGrad, vector: VectorOp.Div); // fused loops are float32/float64 only

    // dz/dx = 1/y, dz/dy = -x/y²
    private static Tensor?[] DivGrad(Autodiff.GradContext g) => [g.Dy / g.X(1), -g.Dy * g.X(0) / (g.X(1) * g.X(1))];

    /// <summary>z = floor(x / y).</summary>
    public static readonly OpDef FloorDivOp = Binary("FloorDiv", new FloorDivFn(), null) with { NoGradient = "piecewise constant" };

    /// <summary>z = x - floor(x / y) · y (the result has the sign of y).</summary>
    public static readonly OpDef FloorModOp = Binary("FloorMod", new FloorModFn(),
        g => [g.Dy, -g.Dy * FloorDiv(g.X(0), g.X(1), null)]); // dz/dx = 1, dz/dy = -floor(x/y)

    /// <summary>z = max(x, y).</summary>
    public static readonly OpDef MaximumOp = Binary("Maximum", new MaxFn(),
        g => [g.Dy * ArrayOps.Cast(GreaterEqual(g.X(0), g.X(1), null), g.Dy.DType, null),
              g.Dy * ArrayOps.Cast(Less(g.X(0), g.X(1), null), g.Dy.DType, null)], // dz/dx = [x >= y], dz/dy = [x < y]
        vector: VectorOp.Max);

    /// <summary>z = min(x, y).</summary>
    public static readonly OpDef MinimumOp = Binary("Minimum", new MinFn(),
        g => [g.Dy * ArrayOps.Cast(LessEqual(g.X(0), g.X(1), null), g.Dy.DType, null),
              g.Dy * ArrayOps.Cast(Greater(g.X(0), g.X(1), null), g.Dy.DType, null)], // dz/dx = [x <= y], dz/dy = [x > y]
        vector: VectorOp.Min);

    /// <summary>z = x ^ y.</summary>
    public static readonly OpDef PowOp = Binary("Pow", new PowFn(), g =>
    {
        var (x, y, z) = (g.X(0), g.X(1), g.Y);
        var positive = ArrayOps.Cast(Greater(x, Scalar(0, x.DType, x.Graph), null), x.DType, null);
        var safeLog = Log(x + (1 - positive), null) * positive;
        return [g.Dy * y * Pow(x, y - 1, null), g.Dy * z * safeLog]; // dz/dx = y·x^(y-1), dz/dy = z·ln x (0 where x <= 0)
    });

    public static Tensor Add(Tensor x, Tensor y, string? name) => BinaryOp("Add", x, y, name);

    public static Tensor Sub(Tensor x, Tensor y, string? name) => BinaryOp("Sub", x, y, name);

    public static Tensor Mul(Tensor x, Tensor y, string? name) => BinaryOp("Mul", x, y, name);

    public static Tensor RealDiv(Tensor x, Tensor y, string? name) => BinaryOp("RealDiv", x, y, name);

    public static Tensor Div(Tensor x, Tensor y, string? name) => BinaryOp("Div", x, y, name);

    public static Tensor FloorDiv(Tensor x, Tensor y, string? name) => BinaryOp("FloorDiv", x, y, name);

    public static Tensor FloorMod(Tensor x, Tensor y, string? name) => BinaryOp("FloorMod", x, y, name);

    public static Tensor Maximum(Tensor x, Tensor y, string? name) => BinaryOp("Maximum", x, y, name);

    public static Tensor Minimum(Tensor x, Tensor y, string? name) => BinaryOp("Minimum", x, y, name);

    public static Tensor Pow(Tensor x, Tensor y, string? name) => BinaryOp("Pow", x, y, name);

    internal sealed class AddFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> =>
            BinaryFn<T, T>.Commutative(TensorPrimitives.Add, TensorPrimitives.Add);
    }

    internal sealed class SubFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> =>
            new(TensorPrimitives.Subtract, TensorPrimitives.Subtract, TensorPrimitives.Subtract);
    }

    private sealed class MulFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> =>
            BinaryFn<T, T>.Commutative(TensorPrimitives.Multiply, TensorPrimitives.Multiply);
    }

    private sealed class DivFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => IsFloat<T>()
            ? new(TensorPrimitives.Divide, TensorPrimitives.Divide, TensorPrimitives.Divide)
            : BinaryFn<T, T>.FromScalar((a, b) => b == T.Zero ? throw DivisionByZero() : IsMinusOne(b) ? unchecked(-a) : a / b);
    }

    private sealed class FloorDivFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => IsFloat<T>()
            ? BinaryFn<T, T>.FromScalar((a, b) => T.CreateTruncating(Math.Floor(double.CreateTruncating(a / b))))
            : BinaryFn<T, T>.FromScalar((a, b) =>
            {
                if (b == T.Zero)
                {
                    throw DivisionByZero();
                }

                if (IsMinusOne(b))
                {
                    return unchecked(-a);
                }

                T q = a / b;
                return (a % b != T.Zero) && ((a < T.Zero) != (b < T.Zero)) ? q - T.One : q;
            });
    }

    private sealed class FloorModFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => BinaryFn<T, T>.FromScalar((a, b) =>
        {
            if (!IsFloat<T>() && b == T.Zero)
            {
                throw DivisionByZero();
            }

            if (!IsFloat<T>() && IsMinusOne(b))
            {
                return T.Zero;
            }

            T r = a % b;
            return r != T.Zero && ((r < T.Zero) != (b < T.Zero)) ? r + b : r;
        });
    }

    private sealed class MaxFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> =>
            BinaryFn<T, T>.Commutative(TensorPrimitives.Max, TensorPrimitives.Max);
    }

    private sealed class MinFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> =>
            BinaryFn<T, T>.Commutative(TensorPrimitives.Min, TensorPrimitives.Min);
    }

    private sealed class PowFn : INumericBinary
    {
        public BinaryFn<T, T> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T>
        {
            if (typeof(T) == typeof(float))
            {
                return (BinaryFn<T, T>)(object)new BinaryFn<float, float>(TensorPrimitives.Pow, TensorPrimitives.Pow, TensorPrimitives.Pow);
            }

            if (typeof(T) == typeof(double))
            {
                return (BinaryFn<T, T>)(object)new BinaryFn<double, double>(TensorPrimitives.Pow, TensorPrimitives.Pow, TensorPrimitives.Pow);
            }

            return BinaryFn<T, T>.FromScalar((a, b) =>
            {
                if (b < T.Zero)
                {
                    throw new InvalidArgumentException("Integers to negative integer powers are not allowed");
                }

                // Exponentiation by squaring: O(log b) multiplications, wrapping on overflow as C does.
                T r = T.One;
                T two = T.One + T.One;
                while (b > T.Zero)
                {
                    if (b % two == T.One)
                    {
                        r = unchecked(r * a);
                    }

                    a = unchecked(a * a);
                    b /= two;
                }

                return r;
            });
        }
    }

    // .NET throws OverflowException for MinValue / -1 and MinValue % -1; the results wrap in two's complement
    // (MinValue and 0), as numpy gives them, so integer division by -1 is negation and its remainder is 0.
    private static bool IsMinusOne<T>(T b) where T : INumber<T> => T.IsNegative(b) && b == -T.One;

    private static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    private static InvalidArgumentException DivisionByZero() => new("Integer division by zero");
}
