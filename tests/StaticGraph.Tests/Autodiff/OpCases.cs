using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

/// <summary>How to draw an input's values so finite differences are valid (away from kinks and poles).</summary>
internal enum Domain
{
    /// <summary>U(-2, 2).</summary>
    Any,

    /// <summary>U(0.5, 2): Sqrt, Log, Rsqrt, Pow's base.</summary>
    Positive,

    /// <summary>±U(0.3, 2): Abs, Relu, Reciprocal, divisors.</summary>
    AwayFromZero,

    /// <summary>±U(2.5, 3): FloorMod's divisor, so x/y stays between integers.</summary>
    Large,

    /// <summary>Values 0.1 apart, distinct across all inputs: no ties for Max/Min/Maximum/Minimum.</summary>
    Distinct,
}

/// <summary>Drawn input shapes plus attr choices the shapes depend on (MatMul's transposes).</summary>
internal sealed record Draw(Shape[] Shapes, int[] Choices)
{
    public override string ToString() => $"shapes [{string.Join(", ", Shapes.Select(s => s.ToString()))}] choices [{string.Join(",", Choices)}]";
}

/// <summary>One row of the verification table: how to draw the input shapes, each input's domain, and how to build
/// the op under test from its inputs (a <see cref="Random"/> chooses attrs such as axes).</summary>
internal sealed record OpCase(string Op, Gen<Draw> Shapes, Domain[] Domains, Func<Tensor[], Draw, Random, Tensor> Build)
{
    public override string ToString() => Op;
}

/// <summary>The verification table: a row for every differentiable op in the registry. Each op family adds its rows
/// in its own partial file (OpCases.Family.cs) and lists them in <see cref="All"/>.</summary>
internal static partial class OpCases
{
    internal static readonly Gen<int> Dim = Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Constant(1)), (6, Gen.Choose(2, 3)));

    /// <summary>Rank 0-4, dims 0-3 (size-1 and empty dims included).</summary>
    public static readonly Gen<Shape> AnyShape =
        from rank in Gen.Choose(0, 4)
        from dims in Gen.ArrayOf(Dim, rank)
        select new Shape(dims);

    internal static readonly Gen<Shape> NonScalarShape = AnyShape.Where(s => s.Rank >= 1);

    internal static Gen<Draw> Same(int n, Gen<Shape>? shape = null) => (shape ?? AnyShape).Select(s => new Draw(Enumerable.Repeat(s, n).ToArray(), []));

    /// <summary>Two shapes that broadcast: each is a suffix of a common shape with some dims replaced by 1.</summary>
    internal static readonly Gen<Draw> Broadcastable =
        from output in AnyShape
        from a in Operand(output)
        from b in Operand(output)
        select new Draw([a, b], []);

    internal static Gen<Shape> Operand(Shape output) =>
        from drop in Gen.Choose(0, output.Rank)
        from ones in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))), output.Rank - drop)
        select new Shape(output.Skip(drop).Select((d, i) => ones[i] ? 1 : d).ToArray());

    internal static readonly Gen<Draw> MatMulShapes =
        from ta in Gen.Choose(0, 1)
        from tb in Gen.Choose(0, 1)
        from m in Gen.Choose(1, 4)
        from k in Gen.Choose(1, 4)
        from n in Gen.Choose(1, 4)
        select new Draw([new Shape(ta == 1 ? [k, m] : [m, k]), new Shape(tb == 1 ? [n, k] : [k, n])], [ta, tb]);

    internal static Domain[] D(params Domain[] d) => d;

    internal static OpCase Unary(string op, Domain domain, Func<Tensor, Tensor> build) => new(op, Same(1), D(domain), (x, _, _) => build(x[0]));

    internal static OpCase Binary(string op, Domain a, Domain b) => new(op, Broadcastable, D(a, b), (x, _, _) => MathOps.BinaryOp(op, x[0], x[1], null));

    /// <summary>Random axes (null = all), random keepdims.</summary>
    internal static OpCase Reduction(string op, Domain domain) => new(op, Same(1), D(domain), (x, _, r) =>
    {
        int rank = x[0].Shape.Rank;
        int[]? axes = r.Next(4) == 0 ? null : Enumerable.Range(0, rank).Where(_ => r.Next(2) == 0).Select(a => r.Next(2) == 0 ? a - rank : a).ToArray();
        return ReduceOps.Build(op, x[0], axes, r.Next(2) == 0, null);
    });

    /// <summary>Every row, family by family.</summary>
    public static IReadOnlyList<OpCase> All => [.. Foundation, .. Convolution, .. Nn, .. Manipulation, .. SpecialMath, .. Index, .. Runtime, .. ControlFlow];

    /// <summary>Rows of the Foundation ops.</summary>
    private static IReadOnlyList<OpCase> Foundation { get; } =
    [
        Unary("Identity", Domain.Any, x => tf.identity(x)),
        Unary("PlaceholderWithDefault", Domain.Any, x => tf.placeholder_with_default(x, x.Shape)),
        Unary("Cast", Domain.Any, x => OpBuilder.Out("Cast", null, [x], ("SrcT", x.DType), ("DstT", x.DType))),
        Unary("Neg", Domain.Any, x => tf.negative(x)),
        Unary("Square", Domain.Any, x => tf.square(x)),
        Unary("Sqrt", Domain.Positive, x => tf.sqrt(x)),
        Unary("Rsqrt", Domain.Positive, x => tf.rsqrt(x)),
        Unary("Exp", Domain.Any, x => tf.exp(x)),
        Unary("Log", Domain.Positive, x => tf.log(x)),
        Unary("Abs", Domain.AwayFromZero, x => tf.abs(x)),
        Unary("Reciprocal", Domain.AwayFromZero, x => tf.reciprocal(x)),
        new("Reshape", Same(1), D(Domain.Any), (x, _, r) => tf.reshape(x[0], r.Next(2) == 0 ? [-1] : x[0].Shape.Reverse().ToArray())),
        new("Fill", Gen.Constant(new Draw([Shape.Scalar], [])), D(Domain.Any), (x, _, r) => tf.fill(OpBuilder.IntVector(
            Enumerable.Range(0, r.Next(4)).Select(_ => r.Next(1, 4)).ToArray(), x[0].Graph), x[0])),
        new("AddN", Same(3), D(Domain.Any, Domain.Any, Domain.Any), (x, _, _) => tf.add_n(x)),
        Binary("Add", Domain.Any, Domain.Any),
        Binary("AddV2", Domain.Any, Domain.Any),
        Binary("Sub", Domain.Any, Domain.Any),
        Binary("Mul", Domain.Any, Domain.Any),
        Binary("RealDiv", Domain.Any, Domain.AwayFromZero),
        Binary("Div", Domain.Any, Domain.AwayFromZero),
        Binary("FloorMod", Domain.AwayFromZero, Domain.Large),
        Binary("Maximum", Domain.Distinct, Domain.Distinct),
        Binary("Minimum", Domain.Distinct, Domain.Distinct),
        Binary("Pow", Domain.Positive, Domain.Any),
        new("MatMul", MatMulShapes, D(Domain.Any, Domain.Any),
            (x, d, _) => tf.matmul(x[0], x[1], transpose_a: d.Choices[0] == 1, transpose_b: d.Choices[1] == 1)),
        Reduction("Sum", Domain.Any),
        Reduction("Mean", Domain.Any),
        Reduction("Max", Domain.Distinct),
        Reduction("Min", Domain.Distinct),
        Reduction("Prod", Domain.Any),
    ];
}
