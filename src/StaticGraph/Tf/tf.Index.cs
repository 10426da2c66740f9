using StaticGraph.Ops;

namespace StaticGraph;

// Indexing and selection: gather/scatter, one_hot, where, clip_by_value, cumulative scans, segment sums, unique,
// linspace.
public static partial class tf
{
    /// <summary>Slices of <paramref name="params"/> along <paramref name="axis"/> at <paramref name="indices"/>:
    /// y[o..., i..., r...] = params[o..., indices[i...], r...] (GatherV2).</summary>
    public static Tensor gather(Tensor @params, Tensor indices, int axis = 0, string? name = null) =>
        IndexOps.GatherV2(@params, indices, axis, name ?? "GatherV2");

    /// <summary>y[i..., r...] = params[indices[i..., :], r...]: the last axis of indices indexes params.</summary>
    public static Tensor gather_nd(Tensor @params, Tensor indices, string? name = null) => IndexOps.GatherNd(@params, indices, name);

    /// <summary>Zeros of <paramref name="shape"/> with updates added at the index tuples (duplicates add).</summary>
    public static Tensor scatter_nd(Tensor indices, Tensor updates, Tensor shape, string? name = null) =>
        IndexOps.ScatterNd(indices, updates, shape, name);

    /// <summary>scatter_nd with a static output shape.</summary>
    public static Tensor scatter_nd(Tensor indices, Tensor updates, Shape shape, string? name = null) =>
        IndexOps.ScatterNd(indices, updates, OpBuilder.Const(NDArray.FromArray((shape ?? throw new ArgumentNullException(nameof(shape)))
            .ToArray(), shape.Rank).AsType(indices.DType), "shape", indices.Graph), name);

    /// <summary>A copy of <paramref name="tensor"/> with updates added at the index tuples (duplicates add):
    /// y = tensor + scatter_nd(indices, updates, shape(tensor)).</summary>
    public static Tensor tensor_scatter_nd_add(Tensor tensor, Tensor indices, Tensor updates, string? name = null) =>
        IndexOps.TensorScatterAdd(tensor, indices, updates, name);

    /// <summary>A one-hot encoding: on_value where indices[...] == d, off_value elsewhere (also for indices outside
    /// [0, depth)); the depth axis is inserted at <paramref name="axis"/> (-1: last).</summary>
    public static Tensor one_hot(Tensor indices, int depth, double on_value = 1, double off_value = 0, int axis = -1,
        DType? dtype = null, string? name = null)
    {
        var t = dtype ?? float32;
        var graph = indices.Graph;
        return IndexOps.OneHot(indices, depth, OpBuilder.Scalar(on_value, t, graph, "on_value"),
            OpBuilder.Scalar(off_value, t, graph, "off_value"), axis, name ?? "one_hot");
    }

    /// <summary>The coordinates of the true (nonzero) elements of <paramref name="condition"/>, int64 [n, rank].</summary>
    public static Tensor where(Tensor condition, string? name = null) => IndexOps.Where(condition, name);

    /// <summary>condition ? x : y elementwise, broadcasting all three (SelectV2).</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y, string? name = null) => IndexOps.SelectV2(condition, x, y, name);

    /// <summary>min(max(t, clip_value_min), clip_value_max); the bounds are scalars or have t's shape.</summary>
    public static Tensor clip_by_value(Tensor t, Tensor clip_value_min, Tensor clip_value_max, string? name = null) =>
        IndexOps.ClipByValue(t, clip_value_min, clip_value_max, name);

    /// <summary>min(max(t, clip_value_min), clip_value_max) with scalar bounds of t's dtype.</summary>
    public static Tensor clip_by_value(Tensor t, double clip_value_min, double clip_value_max, string? name = null) =>
        IndexOps.ClipByValue(t, OpBuilder.Scalar(clip_value_min, t.DType, t.Graph, "clip_value_min"),
            OpBuilder.Scalar(clip_value_max, t.DType, t.Graph, "clip_value_max"), name);

    /// <summary>Cumulative sum along <paramref name="axis"/>; exclusive leaves out the element itself, reverse
    /// runs from the end.</summary>
    public static Tensor cumsum(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false, string? name = null) =>
        IndexOps.Cumsum(x, OpBuilder.Scalar(axis, int32, x.Graph, "axis"), exclusive, reverse, name);

    /// <summary>Cumulative product along <paramref name="axis"/>; exclusive leaves out the element itself,
    /// reverse runs from the end.</summary>
    public static Tensor cumprod(Tensor x, int axis = 0, bool exclusive = false, bool reverse = false, string? name = null) =>
        IndexOps.Cumprod(x, OpBuilder.Scalar(axis, int32, x.Graph, "axis"), exclusive, reverse, name);

    /// <summary>Sums of the rows of <paramref name="data"/> with equal (sorted) segment ids.</summary>
    public static Tensor segment_sum(Tensor data, Tensor segment_ids, string? name = null) => IndexOps.SegmentSum(data, segment_ids, name);

    /// <summary>Sums of the slices of <paramref name="data"/> per segment id (any order), for
    /// <paramref name="num_segments"/> segments.</summary>
    public static Tensor unsorted_segment_sum(Tensor data, Tensor segment_ids, int num_segments, string? name = null) =>
        IndexOps.UnsortedSegmentSum(data, segment_ids, OpBuilder.Scalar(num_segments, int32, data.Graph, "num_segments"), name);

    /// <summary>The distinct elements of a vector in order of first occurrence, and each element's position in
    /// them.</summary>
    public static (Tensor y, Tensor idx) unique(Tensor x, DType? out_idx = null, string? name = null) =>
        IndexOps.Unique(x, out_idx ?? int32, name);

    /// <summary><paramref name="num"/> evenly spaced values from start to stop inclusive.</summary>
    public static Tensor linspace(Tensor start, Tensor stop, Tensor num, string? name = null) => IndexOps.LinSpace(start, stop, num, name);

    /// <summary><paramref name="num"/> evenly spaced float32 values from start to stop inclusive.</summary>
    public static Tensor linspace(double start, double stop, int num, string? name = null)
    {
        var graph = StaticGraph.Graph.Default;
        return IndexOps.LinSpace(OpBuilder.Scalar(start, float32, graph, "start"), OpBuilder.Scalar(stop, float32, graph, "stop"),
            OpBuilder.Scalar(num, int32, graph, "num"), name);
    }

    /// <summary>Alias of <see cref="linspace(Tensor, Tensor, Tensor, string?)"/>.</summary>
    public static Tensor lin_space(Tensor start, Tensor stop, Tensor num, string? name = null) => linspace(start, stop, num, name);

    /// <summary>Alias of <see cref="linspace(double, double, int, string?)"/>.</summary>
    public static Tensor lin_space(double start, double stop, int num, string? name = null) => linspace(start, stop, num, name);
}
