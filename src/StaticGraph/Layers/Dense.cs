using StaticGraph.Ops;
using StaticGraph.Train;

namespace StaticGraph.Layers;

/// <summary>TF1's densely connected layer (<c>tf.layers.dense</c>, <c>tf.contrib.layers.fully_connected</c>):
/// activation(inputs · kernel + bias) with kernel [in, units].</summary>
internal static class Dense
{
    /// <summary>Variable names and defaults that differ between tf.layers and tf.contrib.layers.</summary>
    public sealed record Naming(string DefaultName, string Kernel, string Bias, bool ModelVariables)
    {
        public static Naming Layers { get; } = new("dense", "kernel", "bias", false);

        public static Naming Contrib { get; } = new("fully_connected", "weights", "biases", true);
    }

    /// <summary>Builds the layer; inputs of rank above 2 go through tensordot over their last axis (reshape to 2-D,
    /// MatMul, reshape back), as TF1 does.</summary>
    public static Tensor Apply(Tensor inputs, int units, Func<Tensor, Tensor>? activation, bool useBias, Initializer? kernelInitializer,
        Initializer? biasInitializer, Regularizer? kernelRegularizer, Regularizer? biasRegularizer, bool trainable, string? name,
        VariableReuse? reuse, Naming naming)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (units <= 0)
        {
            throw new ArgumentException($"units must be positive, got {units}.", nameof(units));
        }

        var graph = inputs.Graph;
        var dtype = LayerScope.FloatType(inputs, "Dense");
        int inDim = LayerScope.LastDim(inputs, "Dense");
        using var scope = LayerScope.Open(graph, name, naming.DefaultName, reuse, naming.ModelVariables);
        var kernel = LayerScope.Variable(graph, naming.Kernel, [inDim, units], dtype, kernelInitializer ?? Initializers.GlorotUniform(null),
            kernelRegularizer, trainable, naming.ModelVariables);
        var bias = useBias
            ? LayerScope.Variable(graph, naming.Bias, [units], dtype, biasInitializer ?? Initializers.Zeros(), biasRegularizer, trainable, naming.ModelVariables)
            : null;

        int rank = inputs.Shape.HasRank ? inputs.Shape.Rank : -1;
        var outputs = rank is > 2 or < 0 ? Tensordot(inputs, kernel, inDim, units) : MathOps.MatMul(inputs, kernel, false, false, "MatMul");
        if (bias is not null)
        {
            outputs = ConvOps.BiasAdd(outputs, bias, "NHWC", "BiasAdd");
        }

        return activation is null ? outputs : activation(outputs);
    }

    /// <summary>tensordot(inputs, kernel, [[rank - 1], [0]]) in the name scope <c>Tensordot</c>.</summary>
    private static Tensor Tensordot(Tensor inputs, Tensor kernel, int inDim, int units)
    {
        var graph = inputs.Graph;
        using var scope = graph.NameScope("Tensordot");
        var flat = ArrayOps.Reshape(inputs, OpBuilder.IntVector([-1, inDim], graph), "Reshape");
        var product = MathOps.MatMul(flat, kernel, false, false, "MatMul");
        var shape = inputs.Shape;
        Tensor outShape;
        if (shape.HasRank && shape.Take(shape.Rank - 1).All(d => d >= 0))
        {
            outShape = OpBuilder.IntVector([.. shape.Take(shape.Rank - 1), units], graph, "shape");
        }
        else
        {
            var free = ManipulationOps.StridedSlice(ArrayOps.ShapeOf(inputs, DType.Int32, "Shape"), OpBuilder.IntVector([0], graph),
                OpBuilder.IntVector([-1], graph), OpBuilder.IntVector([1], graph), default, "free_dims");
            outShape = ManipulationOps.Concat([free, OpBuilder.IntVector([units], graph)], OpBuilder.Scalar(0, DType.Int32, graph), "concat");
        }

        return ArrayOps.Reshape(product, outShape, scope.Name);
    }
}
