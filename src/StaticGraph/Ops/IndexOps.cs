using StaticGraph.Execution;

namespace StaticGraph.Ops;

/// <summary>Indexing and selection: gathers and scatters by index, one-hot encoding, Where, Select, clipping,
/// cumulative sums and products, segment sums, Unique and LinSpace. Partial files by concern:
/// IndexOps.Gather.cs, IndexOps.Select.cs, IndexOps.Scan.cs, IndexOps.Segment.cs.</summary>
internal static partial class IndexOps
{
    public static IEnumerable<OpDef> Defs =>
    [
        GatherOp, GatherV2Op, GatherNdOp, ScatterNdOp, TensorScatterAddOp, OneHotOp, WhereOp, SelectOp, SelectV2Op, ClipByValueOp,
        CumsumOp, CumprodOp, SegmentSumOp, UnsortedSegmentSumOp, UniqueOp, LinSpaceOp,
    ];

    private static DType[] IndexTypes => [DType.Int32, DType.Int64];

    private static DType[] NumericTypes => [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8];

    /// <summary>dims[start..end) of a shape of known rank.</summary>
    private static int[] Dims(Shape s, int start, int end) => s.Skip(start).Take(end - start).ToArray();

    /// <summary>The shape made of the given parts, unknown when any part has unknown rank.</summary>
    private static Shape Concat(params Shape[] parts) =>
        parts.All(p => p.HasRank) ? Shape.Own(parts.SelectMany(p => p).ToArray()) : Shape.Unknown;

    /// <summary>A build-time scalar integer input (an axis), or null when only known at run time.</summary>
    private static int? ConstInt(InferContext ctx, int i) => ctx.Constant(i) is NDArray v ? ConstantFolding.ToInts(v)[0] : null;

    /// <summary>Normalizes a possibly negative axis into [0, rank); a GraphException naming the op otherwise.</summary>
    private static int NormalizeAxis(InferContext ctx, int axis, int rank)
    {
        if (axis < -rank || axis >= rank)
        {
            throw ctx.Error($"axis {axis} is out of range for a tensor of rank {rank} (expected [{-rank}, {rank}))");
        }

        return axis < 0 ? axis + rank : axis;
    }

    /// <summary>Run-time axis normalization with TF's InvalidArgument message.</summary>
    private static int RuntimeAxis(KernelContext ctx, NDArray axisValue, int rank)
    {
        int axis = ConstantFolding.FirstInt(axisValue);
        if (axis < -rank || axis >= rank)
        {
            throw new InvalidArgumentException($"{ctx.Op.Type} node '{ctx.Op.Name}': expected axis in the range [{-rank}, {rank}), but got {axis}");
        }

        return axis < 0 ? axis + rank : axis;
    }
}
