using StaticGraph.Ops;

namespace StaticGraph.Layers;

/// <summary>TF1's <c>tf.layers.flatten</c>: reshapes [batch, d1, d2, ...] to [batch, d1·d2·...].</summary>
internal static class Flatten
{
    /// <summary>Reshape to [-1, known size] when the non-batch dimensions are known (so the result's static shape is
    /// too), else [batch, -1]; rank-1 inputs become [n, 1]. <paramref name="contrib"/>: tf.contrib.layers' scope
    /// <c>Flatten</c>, entered exactly when named.</summary>
    public static Tensor Apply(Tensor inputs, string? name, bool contrib = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var graph = inputs.Graph;
        var shape = inputs.Shape;
        if (!shape.HasRank)
        {
            throw new GraphException($"flatten needs inputs of known rank, got '{inputs.Name}' with shape {shape}.");
        }

        using var scope = LayerScope.Open(graph, name, contrib ? "Flatten" : "flatten", null, contrib);
        if (shape.Rank == 1)
        {
            return ManipulationOps.ExpandDims(inputs, OpBuilder.Scalar(1, DType.Int32, graph), "ExpandDims");
        }

        var rest = shape.Skip(1).ToArray();
        Tensor target;
        if (rest.All(d => d >= 0))
        {
            target = OpBuilder.IntVector([-1, rest.Aggregate(1, (a, d) => a * d)], graph);
        }
        else if (shape[0] >= 0)
        {
            target = OpBuilder.IntVector([shape[0], -1], graph);
        }
        else
        {
            var batch = ManipulationOps.StridedSlice(ArrayOps.ShapeOf(inputs, DType.Int32, "Shape"), OpBuilder.IntVector([0], graph),
                OpBuilder.IntVector([1], graph), OpBuilder.IntVector([1], graph), new SliceMasks(Shrink: 1), "strided_slice");
            target = ManipulationOps.Pack([batch, OpBuilder.Scalar(-1, DType.Int32, graph)], 0, "Reshape/shape");
        }

        return ArrayOps.Reshape(inputs, target, "Reshape");
    }
}
