namespace StaticGraph.Ops;

/// <summary>Values known while the graph is built, for shape inference of ops whose output shape depends on an
/// input's value (Reshape's shape, Fill's dims, reductions' axes).</summary>
internal static class ConstantFolding
{
    public static NDArray? TryEvaluate(Tensor t) => t.Op.Type switch
    {
        "Const" => t.Op.GetAttr<NDArray>("value"),
        "Identity" or "StopGradient" => TryEvaluate(t.Op.Inputs[0]),
        "Shape" when t.Op.Inputs[0].Shape.IsFullyDefined => ShapeValue(t.Op.Inputs[0].Shape, t.DType),
        "Size" when t.Op.Inputs[0].Shape.IsFullyDefined => t.DType == DType.Int64
            ? (NDArray)t.Op.Inputs[0].Shape.NumElements
            : (NDArray)(int)t.Op.Inputs[0].Shape.NumElements,
        "Rank" when t.Op.Inputs[0].Shape.HasRank => (NDArray)t.Op.Inputs[0].Shape.Rank,
        _ => null,
    };

    private static NDArray ShapeValue(Shape s, DType dtype) => dtype == DType.Int64
        ? (NDArray)s.Select(d => (long)d).ToArray()
        : (NDArray)s.ToArray();

    /// <summary>A constant integer vector as <c>int[]</c> (int32 or int64 values), else null.</summary>
    public static int[]? IntValues(Tensor t)
    {
        var v = TryEvaluate(t);
        return v is null ? null : ToInts(v);
    }

    /// <summary>The first value of an int32 or int64 tensor, read without copying the tensor.</summary>
    public static int FirstInt(NDArray v) => v.RawData switch
    {
        int[] i => i[0],
        long[] l => checked((int)l[0]),
        _ => throw new GraphException($"Expected an int32 or int64 tensor, got {v.DType}."),
    };

    public static int[] ToInts(NDArray v) => v.RawData switch
    {
        int[] => v.ToArray<int>(),
        long[] => v.ToArray<long>().Select(x => checked((int)x)).ToArray(),
        _ => throw new GraphException($"Expected an int32 or int64 tensor, got {v.DType}."),
    };
}
