using StaticGraph.Ops;

namespace StaticGraph;

// Shape manipulation: transpose, concat/split, stack/unstack, slicing, padding, tiling, axes.
public static partial class tf
{
    /// <summary>y = x with its axes permuted: y's axis k is x's axis perm[k] (reversed when perm is null).</summary>
    public static Tensor transpose(Tensor a, int[]? perm = null, string name = "transpose") => ManipulationOps.Transpose(a, perm, name);

    /// <summary>y = x with its axes permuted by a perm tensor.</summary>
    public static Tensor transpose(Tensor a, Tensor perm, string name = "transpose") => ManipulationOps.Transpose(a, perm, name);

    /// <summary>y[x[i]] = i.</summary>
    public static Tensor invert_permutation(Tensor x, string? name = null) => ManipulationOps.InvertPermutation(x, name);

    /// <summary>The values joined along <paramref name="axis"/>.</summary>
    public static Tensor concat(Tensor[] values, int axis, string name = "concat") =>
        ManipulationOps.Concat(values ?? throw new ArgumentNullException(nameof(values)), OpBuilder.Scalar(axis, int32, values[0].Graph, "concat/axis"), name);

    /// <summary><paramref name="value"/> cut into <paramref name="num_or_size_splits"/> equal pieces along
    /// <paramref name="axis"/>.</summary>
    public static Tensor[] split(Tensor value, int num_or_size_splits, int axis = 0, string name = "split") =>
        ManipulationOps.Split(OpBuilder.Scalar(axis, int32, value.Graph, "split/split_dim"), value, num_or_size_splits, name);

    /// <summary><paramref name="value"/> cut into pieces of the given sizes (one may be -1) along
    /// <paramref name="axis"/>.</summary>
    public static Tensor[] split(Tensor value, int[] num_or_size_splits, int axis = 0, string name = "split") =>
        ManipulationOps.SplitV(value, OpBuilder.IntVector(num_or_size_splits, value.Graph), OpBuilder.Scalar(axis, int32, value.Graph, "split/split_dim"),
            num_or_size_splits.Length, name);

    /// <summary>y = x[begin : begin + size] (size -1: to the end of the axis).</summary>
    public static Tensor slice(Tensor input_, int[] begin, int[] size, string? name = null) =>
        ManipulationOps.Slice(input_, OpBuilder.IntVector(begin, input_.Graph), OpBuilder.IntVector(size, input_.Graph), name);

    /// <summary>y = x[begin : begin + size] with begin and size tensors.</summary>
    public static Tensor slice(Tensor input_, Tensor begin, Tensor size, string? name = null) => ManipulationOps.Slice(input_, begin, size, name);

    /// <summary>y = x[begin : end : strides] with TF's masks (bit i refers to index i).</summary>
    public static Tensor strided_slice(Tensor input_, int[] begin, int[] end, int[]? strides = null, int begin_mask = 0, int end_mask = 0,
        int ellipsis_mask = 0, int new_axis_mask = 0, int shrink_axis_mask = 0, string? name = null) =>
        ManipulationOps.StridedSlice(input_, OpBuilder.IntVector(begin, input_.Graph), OpBuilder.IntVector(end, input_.Graph),
            OpBuilder.IntVector(strides ?? Enumerable.Repeat(1, begin.Length).ToArray(), input_.Graph),
            new SliceMasks(begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask), name);

    /// <summary>The same-shaped values stacked along a new axis.</summary>
    public static Tensor stack(Tensor[] values, int axis = 0, string name = "stack") => ManipulationOps.Pack(values, axis, name);

    /// <summary>The slices of <paramref name="value"/> along <paramref name="axis"/> (its size is
    /// <paramref name="num"/> when not known statically).</summary>
    public static Tensor[] unstack(Tensor value, int? num = null, int axis = 0, string name = "unstack") =>
        ManipulationOps.Unpack(value, num ?? ManipulationOps.StaticDim(value, axis), axis, name);

    /// <summary>x padded by the [rank, 2] <paramref name="paddings"/>: CONSTANT (with
    /// <paramref name="constant_values"/>), REFLECT or SYMMETRIC.</summary>
    public static Tensor pad(Tensor tensor, Tensor paddings, string mode = "CONSTANT", double constant_values = 0, string? name = null) =>
        ManipulationOps.Pad(tensor, paddings, mode, constant_values, name);

    /// <summary>x padded by the [rank, 2] <paramref name="paddings"/>.</summary>
    public static Tensor pad(Tensor tensor, int[,] paddings, string mode = "CONSTANT", double constant_values = 0, string? name = null) =>
        ManipulationOps.Pad(tensor, OpBuilder.Const(paddings, null, tensor.Graph), mode, constant_values, name);

    /// <summary>x repeated multiples[k] times along each axis k.</summary>
    public static Tensor tile(Tensor input, int[] multiples, string? name = null) =>
        ManipulationOps.Tile(input, OpBuilder.IntVector(multiples, input.Graph), name);

    /// <summary>x repeated along each axis by a multiples tensor.</summary>
    public static Tensor tile(Tensor input, Tensor multiples, string? name = null) => ManipulationOps.Tile(input, multiples, name);

    /// <summary>x with a size-1 axis inserted at <paramref name="axis"/>.</summary>
    public static Tensor expand_dims(Tensor input, int axis, string? name = null) =>
        ManipulationOps.ExpandDims(input, OpBuilder.Scalar(axis, int32, input.Graph), name);

    /// <summary>x without its size-1 axes (only those in <paramref name="axis"/> when given).</summary>
    public static Tensor squeeze(Tensor input, int[]? axis = null, string? name = null) => ManipulationOps.Squeeze(input, axis, name);

    /// <summary>x reversed along <paramref name="axis"/>.</summary>
    public static Tensor reverse(Tensor tensor, int[] axis, string? name = null) =>
        ManipulationOps.ReverseV2(tensor, OpBuilder.IntVector(axis, tensor.Graph), name);

    /// <summary>x broadcast to <paramref name="shape"/>.</summary>
    public static Tensor broadcast_to(Tensor input, Shape shape, string? name = null) =>
        ManipulationOps.BroadcastTo(input, OpBuilder.IntVector((shape ?? throw new ArgumentNullException(nameof(shape))).ToArray(), input.Graph), name);

    /// <summary>x broadcast to the dimensions held by a shape tensor.</summary>
    public static Tensor broadcast_to(Tensor input, Tensor shape, string? name = null) => ManipulationOps.BroadcastTo(input, shape, name);
}
