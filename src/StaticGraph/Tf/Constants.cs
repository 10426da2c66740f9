using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>Constant-building helpers behind <c>tf.constant</c>, <c>tf.zeros</c>, <c>tf.ones</c>.</summary>
internal static class Constants
{
    /// <summary>TF1 builds zeros/ones of fewer elements than this as one Const, larger ones as a Fill.</summary>
    private const int ConstLimit = 1000;

    /// <summary><paramref name="value"/> converted to <paramref name="dtype"/> and filled to / reshaped as
    /// <paramref name="shape"/>.</summary>
    public static NDArray Shaped(NDArray value, DType? dtype, Shape? shape)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = dtype is DType d ? value.AsType(d) : value;
        if (shape is null || shape.Equals(v.Shape))
        {
            return v;
        }

        if (!shape.IsFullyDefined)
        {
            throw new GraphException($"tf.constant needs a fully defined shape, got {shape}.");
        }

        if (v.Size == 1)
        {
            var filled = NDArray.Zeros(v.DType, shape);
            ArrayOps.FillWith(filled, v);
            return filled;
        }

        return v.Size == shape.NumElements
            ? v.Reshape(shape.ToArray())
            : throw new GraphException($"tf.constant: a value of shape {v.Shape} ({v.Size} elements) cannot be shaped as {shape}.");
    }

    public static Tensor Filled(Shape shape, double value, DType dtype, string name)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var graph = Graph.Default;
        if (!shape.IsFullyDefined)
        {
            throw new GraphException($"tf.zeros/tf.ones need a fully defined shape, got {shape}; use tf.fill with a shape tensor.");
        }

        if (shape.NumElements < ConstLimit)
        {
            return OpBuilder.Const(Shaped(NDArray.Scalar(value).AsType(dtype), null, shape), name, graph);
        }

        using var scope = graph.NameScope(name);
        var dims = OpBuilder.IntVector(shape.ToArray(), graph, "shape_as_tensor");
        return ArrayOps.Fill(dims, OpBuilder.Scalar(value, dtype, graph), scope.Name);
    }
}
