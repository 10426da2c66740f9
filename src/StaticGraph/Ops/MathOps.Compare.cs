using System.Numerics;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Comparisons (bool output, broadcasting) and logical ops. None is differentiable.
internal static partial class MathOps
{
    private static IEnumerable<OpDef> CompareDefs =>
    [
        EqualOp, NotEqualOp, LessOp, LessEqualOp, GreaterOp, GreaterEqualOp, LogicalAndOp, LogicalOrOp, LogicalNotOp,
    ];

    private static OpDef Comparison(string name, INumericCompare fn, Func<bool, bool, bool>? onBools = null,
        Func<byte[], byte[], bool>? onStrings = null) => new(name,
        ctx =>
        {
            var specs = Broadcast.Infer(ctx, DType.Bool);
            var d = ctx.DType(0);
            if (!d.IsNumeric && !(d == DType.Bool && onBools is not null) && !(d == DType.String && onStrings is not null))
            {
                throw ctx.Error($"{name} does not support dtype {d}");
            }

            return specs;
        },
        b => b.InputDType(0) == DType.Bool ? Broadcast.Kernel(BinaryFn<bool, bool>.FromScalar(onBools!))
            : b.InputDType(0) == DType.String ? Broadcast.Kernel(BinaryFn<byte[], bool>.FromScalar(onStrings!))
            : Broadcast.Compare(fn)(b))
    {
        Inputs = ["x: T", "y: T"], Outputs = ["z: bool"],
        NoGradient = "a bool output",
    };

    /// <summary>z = (x == y).</summary>
    public static readonly OpDef EqualOp = Comparison("Equal", new Cmp(0), (a, b) => a == b, (a, b) => a.AsSpan().SequenceEqual(b));

    /// <summary>z = (x != y).</summary>
    public static readonly OpDef NotEqualOp = Comparison("NotEqual", new Cmp(1), (a, b) => a != b, (a, b) => !a.AsSpan().SequenceEqual(b));

    /// <summary>z = (x &lt; y).</summary>
    public static readonly OpDef LessOp = Comparison("Less", new Cmp(2));

    /// <summary>z = (x &lt;= y).</summary>
    public static readonly OpDef LessEqualOp = Comparison("LessEqual", new Cmp(3));

    /// <summary>z = (x &gt; y).</summary>
    public static readonly OpDef GreaterOp = Comparison("Greater", new Cmp(4));

    /// <summary>z = (x &gt;= y).</summary>
    public static readonly OpDef GreaterEqualOp = Comparison("GreaterEqual", new Cmp(5));

    public static Tensor Equal(Tensor x, Tensor y, string? name) => BinaryOp("Equal", x, y, name);

    public static Tensor NotEqual(Tensor x, Tensor y, string? name) => BinaryOp("NotEqual", x, y, name);

    public static Tensor Less(Tensor x, Tensor y, string? name) => BinaryOp("Less", x, y, name);

    public static Tensor LessEqual(Tensor x, Tensor y, string? name) => BinaryOp("LessEqual", x, y, name);

    public static Tensor Greater(Tensor x, Tensor y, string? name) => BinaryOp("Greater", x, y, name);

    public static Tensor GreaterEqual(Tensor x, Tensor y, string? name) => BinaryOp("GreaterEqual", x, y, name);

    private sealed class Cmp(int kind) : INumericCompare
    {
        public BinaryFn<T, bool> Fn<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => BinaryFn<T, bool>.FromScalar(kind switch
        {
            0 => (a, b) => a == b,
            1 => (a, b) => a != b,
            2 => (a, b) => a < b,
            3 => (a, b) => a <= b,
            4 => (a, b) => a > b,
            _ => (a, b) => a >= b,
        });
    }

    private static OpDef Logical(string name, Func<bool, bool, bool> f) => new(name,
        ctx =>
        {
            var specs = Broadcast.Infer(ctx);
            ctx.ExpectDType(0, DType.Bool);
            return specs;
        },
        _ => Broadcast.Kernel(BinaryFn<bool, bool>.FromScalar(f)))
    {
        Inputs = ["x: bool", "y: bool"], Outputs = ["z: bool"],
        NoGradient = "bool inputs and output",
    };

    /// <summary>z = x ∧ y.</summary>
    public static readonly OpDef LogicalAndOp = Logical("LogicalAnd", (a, b) => a && b);

    /// <summary>z = x ∨ y.</summary>
    public static readonly OpDef LogicalOrOp = Logical("LogicalOr", (a, b) => a || b);

    /// <summary>y = ¬x.</summary>
    public static readonly OpDef LogicalNotOp = new("LogicalNot",
        ctx =>
        {
            ctx.ExpectDType(0, DType.Bool);
            return ArrayOps.SameAsInput(ctx);
        },
        _ => ctx =>
        {
            var x = ctx.Input(0);
            var xs = x.AsSpan<bool>();
            var ys = ctx.Output(0, x.Shape).AsSpan<bool>();
            for (int i = 0; i < xs.Length; i++)
            {
                ys[i] = !xs[i];
            }
        })
    {
        Inputs = ["x: bool"], Outputs = ["y: bool"],
        NoGradient = "a bool input and output",
    };

    public static Tensor LogicalAnd(Tensor x, Tensor y, string? name) => Out("LogicalAnd", name, [x, y]);

    public static Tensor LogicalOr(Tensor x, Tensor y, string? name) => Out("LogicalOr", name, [x, y]);

    public static Tensor LogicalNot(Tensor x, string? name) => Out("LogicalNot", name, [x]);
}
