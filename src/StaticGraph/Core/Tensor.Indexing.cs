namespace StaticGraph;

// numpy/TF1-style indexing: x[.., 0] is TF1's x[:, 0], one StridedSlice node named "strided_slice".
public sealed partial class Tensor
{
    /// <summary>y = x[indices] as TF1's <c>x[...]</c>: ints index (and drop the axis), ranges slice
    /// (<c>1..^1</c> is <c>1:-1</c>), <see cref="TensorIndex.NewAxis"/> and <see cref="TensorIndex.Ellipsis"/> as
    /// <c>tf.newaxis</c> and <c>...</c>; built as one StridedSlice.</summary>
    public Tensor this[params TensorIndex[] indices] => Ops.ManipulationOps.Index(this, indices);
}
