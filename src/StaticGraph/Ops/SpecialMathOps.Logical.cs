using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Bool reductions All and Any over the axes in an int32/int64 tensor with keep_dims, on ReduceOps' axis
// conventions and the shared reduction loop.
internal static partial class SpecialMathOps
{
    private static IEnumerable<OpDef> LogicalDefs => [AllOp, AnyOp];

    /// <summary>y = ∧ x over the axes (true for an empty reduction).</summary>
    public static readonly OpDef AllOp = BoolReduction<AllReducer>("All");

    /// <summary>y = ∨ x over the axes (false for an empty reduction).</summary>
    public static readonly OpDef AnyOp = BoolReduction<AnyReducer>("Any");

    public static Tensor All(Tensor x, int[]? axis, bool keepdims, string? name) => BoolReduce("All", x, axis, keepdims, name);

    public static Tensor Any(Tensor x, int[]? axis, bool keepdims, string? name) => BoolReduce("Any", x, axis, keepdims, name);

    private static Tensor BoolReduce(string type, Tensor x, int[]? axis, bool keepdims, string? name) =>
        Out(type, name, [x, ReduceOps.AxesTensor(x, axis)], ("keep_dims", keepdims), ("Tidx", DType.Int32));

    private static OpDef BoolReduction<TR>(string name) where TR : IReducer<bool> => new(name,
        ctx => ReduceOps.InferReduction(ctx, [DType.Bool]),
        b =>
        {
            bool keep = b.Attr("keep_dims", false);
            return ctx =>
            {
                var x = ctx.Input(0);
                var mask = ReduceOps.ReducedMask(ConstantFolding.ToInts(ctx.Input(1)), x.Rank);
                var y = ctx.Output(0, ReduceOps.OutputShape(x.Shape, mask, keep));
                Reduce.Run<bool, TR>(x.AsSpan<bool>(), x.Shape.Dims, mask, y.AsSpan<bool>());
            };
        })
    {
        Inputs = ["input: bool", "reduction_indices: Tidx"], Outputs = ["output: bool"],
        AttrDefaults = new Dictionary<string, object> { ["keep_dims"] = false, ["Tidx"] = DType.Int32 },
        NoGradient = "bool input and output",
    };

    private readonly struct AllReducer : IReducer<bool>
    {
        public static bool Identity => true;

        public static void Combine(Span<bool> acc, ReadOnlySpan<bool> row)
        {
            for (int i = 0; i < acc.Length; i++)
            {
                acc[i] &= row[i];
            }
        }

        public static bool Aggregate(ReadOnlySpan<bool> x) => !x.Contains(false);
    }

    private readonly struct AnyReducer : IReducer<bool>
    {
        public static bool Identity => false;

        public static void Combine(Span<bool> acc, ReadOnlySpan<bool> row)
        {
            for (int i = 0; i < acc.Length; i++)
            {
                acc[i] |= row[i];
            }
        }

        public static bool Aggregate(ReadOnlySpan<bool> x) => x.Contains(true);
    }
}
