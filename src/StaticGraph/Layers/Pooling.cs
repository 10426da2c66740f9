using StaticGraph.Ops;

namespace StaticGraph.Layers;

/// <summary>TF1's 2-D pooling layers (<c>tf.layers.max_pooling2d</c>, <c>average_pooling2d</c>): no variables, ops in
/// the layer's name scope (<c>max_pooling2d/MaxPool</c>).</summary>
internal static class Pooling
{
    /// <summary>Max (<paramref name="max"/>) or average pooling over pool_size windows moved by strides.</summary>
    public static Tensor Apply(bool max, Tensor inputs, IntTuple poolSize, IntTuple strides, string padding, string dataFormat, string? name)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string format = LayerScope.DataFormat(dataFormat);
        string pad = LayerScope.Padding(padding);
        int[] p = poolSize.Normalize(2, "pool_size"), s = strides.Normalize(2, "strides");
        using var scope = LayerScope.Open(inputs.Graph, name, max ? "max_pooling2d" : "average_pooling2d", null);
        var ksize = Conv2D.Spatial(p, format);
        var stride = Conv2D.Spatial(s, format);
        return max
            ? ConvOps.MaxPool(inputs, ksize, stride, pad, format, "MaxPool")
            : ConvOps.AvgPool(inputs, ksize, stride, pad, format, "AvgPool");
    }
}
