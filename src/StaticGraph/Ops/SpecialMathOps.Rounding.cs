using System.Numerics.Tensors;
using StaticGraph.Execution;
using StaticGraph.Kernels;

namespace StaticGraph.Ops;

// Rounding (Floor, Ceil, Round, Rint: piecewise constant, so no gradient) and float classification (IsNan, IsInf,
// IsFinite: bool outputs).
internal static partial class SpecialMathOps
{
    private static IEnumerable<OpDef> RoundingDefs => [FloorOp, CeilOp, RoundOp, RintOp, IsNanOp, IsInfOp, IsFiniteOp];

    /// <summary>y = ⌊x⌋.</summary>
    public static readonly OpDef FloorOp = FloatUnary("Floor", TensorPrimitives.Floor, TensorPrimitives.Floor, null, "piecewise constant");

    /// <summary>y = ⌈x⌉.</summary>
    public static readonly OpDef CeilOp = FloatUnary("Ceil", TensorPrimitives.Ceiling, TensorPrimitives.Ceiling, null, "piecewise constant");

    /// <summary>y = x rounded to the nearest integer, halves to even (banker's rounding, as TF); integers unchanged.</summary>
    public static readonly OpDef RoundOp = new("Round",
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, SignedNumeric);
            return ArrayOps.SameAsInput(ctx);
        },
        Elementwise.Unary(TensorPrimitives.Round, TensorPrimitives.Round, (x, y) => x.CopyTo(y), (x, y) => x.CopyTo(y)))
    {
        Inputs = ["x: T"], Outputs = ["y: T"],
        NoGradient = "piecewise constant",
    };

    /// <summary>y = the integer nearest x, halves to even (C's rint in the default rounding mode).</summary>
    public static readonly OpDef RintOp = FloatUnary("Rint", TensorPrimitives.Round, TensorPrimitives.Round, null, "piecewise constant");

    /// <summary>y = (x is NaN).</summary>
    public static readonly OpDef IsNanOp = Classify("IsNan", double.IsNaN);

    /// <summary>y = (x is ±∞).</summary>
    public static readonly OpDef IsInfOp = Classify("IsInf", double.IsInfinity);

    /// <summary>y = (x is neither NaN nor ±∞).</summary>
    public static readonly OpDef IsFiniteOp = Classify("IsFinite", double.IsFinite);

    public static Tensor Floor(Tensor x, string? name) => MathOps.UnaryOp("Floor", x, name);

    public static Tensor Ceil(Tensor x, string? name) => MathOps.UnaryOp("Ceil", x, name);

    public static Tensor Round(Tensor x, string? name) => MathOps.UnaryOp("Round", x, name);

    public static Tensor Rint(Tensor x, string? name) => MathOps.UnaryOp("Rint", x, name);

    public static Tensor IsNan(Tensor x, string? name) => MathOps.UnaryOp("IsNan", x, name);

    public static Tensor IsInf(Tensor x, string? name) => MathOps.UnaryOp("IsInf", x, name);

    public static Tensor IsFinite(Tensor x, string? name) => MathOps.UnaryOp("IsFinite", x, name);

    // A float32 widens to double exactly, so one double predicate serves both dtypes.
    private static OpDef Classify(string name, Func<double, bool> predicate) => new(name,
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, Floating);
            return InferContext.One(DType.Bool, ctx.Shape(0));
        },
        b => Dispatch.On(b, b.InputDType(0),
            f32: () => ctx => ClassifyRun<float>(ctx, v => predicate(v)),
            f64: () => ctx => ClassifyRun<double>(ctx, predicate)))
    {
        Inputs = ["x: T"], Outputs = ["y: bool"],
        NoGradient = "a bool output",
    };

    private static void ClassifyRun<T>(KernelContext ctx, Func<T, bool> predicate)
    {
        var x = ctx.Input(0);
        var xs = x.AsSpan<T>();
        var ys = ctx.Output(0, x.Shape).AsSpan<bool>();
        for (int i = 0; i < xs.Length; i++)
        {
            ys[i] = predicate(xs[i]);
        }
    }
}
