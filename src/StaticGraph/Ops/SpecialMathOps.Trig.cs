using System.Numerics.Tensors;

namespace StaticGraph.Ops;

// Trigonometric and hyperbolic functions and their inverses (float32, float64), with TF's gradient formulas.
internal static partial class SpecialMathOps
{
    private static IEnumerable<OpDef> TrigDefs =>
    [
        SinOp, CosOp, TanOp, AsinOp, AcosOp, AtanOp, SinhOp, CoshOp, AsinhOp, AcoshOp, AtanhOp,
    ];

    /// <summary>y = sin x.</summary>
    public static readonly OpDef SinOp = FloatUnary("Sin", TensorPrimitives.Sin, TensorPrimitives.Sin,
        g => [g.Dy * Cos(g.X(0), null)]); // dy/dx = cos x

    /// <summary>y = cos x.</summary>
    public static readonly OpDef CosOp = FloatUnary("Cos", TensorPrimitives.Cos, TensorPrimitives.Cos,
        g => [-g.Dy * Sin(g.X(0), null)]); // dy/dx = -sin x

    /// <summary>y = tan x.</summary>
    public static readonly OpDef TanOp = FloatUnary("Tan", TensorPrimitives.Tan, TensorPrimitives.Tan,
        g => [g.Dy * MathOps.Square(MathOps.Reciprocal(Cos(g.X(0), null), null), null)]); // dy/dx = sec² x

    /// <summary>y = arcsin x.</summary>
    public static readonly OpDef AsinOp = FloatUnary("Asin", TensorPrimitives.Asin, TensorPrimitives.Asin,
        g => [g.Dy * MathOps.Rsqrt(1 - MathOps.Square(g.X(0), null), null)]); // dy/dx = 1/√(1 - x²)

    /// <summary>y = arccos x.</summary>
    public static readonly OpDef AcosOp = FloatUnary("Acos", TensorPrimitives.Acos, TensorPrimitives.Acos,
        g => [-g.Dy * MathOps.Rsqrt(1 - MathOps.Square(g.X(0), null), null)]); // dy/dx = -1/√(1 - x²)

    /// <summary>y = arctan x.</summary>
    public static readonly OpDef AtanOp = FloatUnary("Atan", TensorPrimitives.Atan, TensorPrimitives.Atan,
        g => [g.Dy * MathOps.Reciprocal(1 + MathOps.Square(g.X(0), null), null)]); // dy/dx = 1/(1 + x²)

    /// <summary>y = sinh x.</summary>
    public static readonly OpDef SinhOp = FloatUnary("Sinh", TensorPrimitives.Sinh, TensorPrimitives.Sinh,
        g => [g.Dy * Cosh(g.X(0), null)]); // dy/dx = cosh x

    /// <summary>y = cosh x.</summary>
    public static readonly OpDef CoshOp = FloatUnary("Cosh", TensorPrimitives.Cosh, TensorPrimitives.Cosh,
        g => [g.Dy * Sinh(g.X(0), null)]); // dy/dx = sinh x

    /// <summary>y = arsinh x.</summary>
    public static readonly OpDef AsinhOp = FloatUnary("Asinh", TensorPrimitives.Asinh, TensorPrimitives.Asinh,
        g => [g.Dy / Cosh(g.Y, null)]); // dy/dx = 1/cosh y

    /// <summary>y = arcosh x (x ≥ 1).</summary>
    public static readonly OpDef AcoshOp = FloatUnary("Acosh", TensorPrimitives.Acosh, TensorPrimitives.Acosh,
        g => [g.Dy / Sinh(g.Y, null)]); // dy/dx = 1/sinh y

    /// <summary>y = artanh x (|x| &lt; 1).</summary>
    public static readonly OpDef AtanhOp = FloatUnary("Atanh", TensorPrimitives.Atanh, TensorPrimitives.Atanh,
        g => [g.Dy * MathOps.Reciprocal(1 - MathOps.Square(g.X(0), null), null)]); // dy/dx = 1/(1 - x²)

    public static Tensor Sin(Tensor x, string? name) => MathOps.UnaryOp("Sin", x, name);

    public static Tensor Cos(Tensor x, string? name) => MathOps.UnaryOp("Cos", x, name);

    public static Tensor Tan(Tensor x, string? name) => MathOps.UnaryOp("Tan", x, name);

    public static Tensor Asin(Tensor x, string? name) => MathOps.UnaryOp("Asin", x, name);

    public static Tensor Acos(Tensor x, string? name) => MathOps.UnaryOp("Acos", x, name);

    public static Tensor Atan(Tensor x, string? name) => MathOps.UnaryOp("Atan", x, name);

    public static Tensor Sinh(Tensor x, string? name) => MathOps.UnaryOp("Sinh", x, name);

    public static Tensor Cosh(Tensor x, string? name) => MathOps.UnaryOp("Cosh", x, name);

    public static Tensor Asinh(Tensor x, string? name) => MathOps.UnaryOp("Asinh", x, name);

    public static Tensor Acosh(Tensor x, string? name) => MathOps.UnaryOp("Acosh", x, name);

    public static Tensor Atanh(Tensor x, string? name) => MathOps.UnaryOp("Atanh", x, name);
}
