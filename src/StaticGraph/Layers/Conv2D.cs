using StaticGraph.Ops;
using StaticGraph.Train;

namespace StaticGraph.Layers;

/// <summary>TF1's 2-D convolution layer (<c>tf.layers.conv2d</c>, <c>tf.contrib.layers.conv2d</c>):
/// activation(conv2d(inputs, kernel) + bias) with kernel [kh, kw, in, filters].</summary>
internal static class Conv2D
{
    /// <summary>Variable names and defaults that differ between tf.layers and tf.contrib.layers.</summary>
    public sealed record Naming(string DefaultName, string Kernel, string Bias, bool ModelVariables)
    {
        public static Naming Layers { get; } = new("conv2d", "kernel", "bias", false);

        public static Naming Contrib { get; } = new("Conv", "weights", "biases", true);
    }

    /// <summary>Builds the layer (ops <c>conv2d/Conv2D</c>, <c>conv2d/BiasAdd</c>, then the activation).</summary>
    public static Tensor Apply(Tensor inputs, int filters, IntTuple kernelSize, IntTuple strides, string padding, string dataFormat,
        IntTuple dilationRate, Func<Tensor, Tensor>? activation, bool useBias, Initializer? kernelInitializer, Initializer? biasInitializer,
        Regularizer? kernelRegularizer, Regularizer? biasRegularizer, bool trainable, string? name, VariableReuse? reuse, Naming naming)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var graph = inputs.Graph;
        var dtype = LayerScope.FloatType(inputs, "Conv2D");
        string format = LayerScope.DataFormat(dataFormat);
        string pad = LayerScope.Padding(padding);
        int[] k = kernelSize.Normalize(2, "kernel_size"), s = strides.Normalize(2, "strides"), d = dilationRate.Normalize(2, "dilation_rate");
        if (inputs.Shape.HasRank && inputs.Shape.Rank != 4)
        {
            throw new GraphException($"Input 0 of layer conv2d is incompatible with the layer: expected ndim=4, found ndim={inputs.Shape.Rank} (inputs '{inputs.Name}' with shape {inputs.Shape}).");
        }

        int inDim = LayerScope.LastDim(inputs, "Conv2D", format == "NHWC" ? -1 : 1);
        using var scope = LayerScope.Open(graph, name, naming.DefaultName, reuse, naming.ModelVariables);
        var kernel = LayerScope.Variable(graph, naming.Kernel, [k[0], k[1], inDim, filters], dtype,
            kernelInitializer ?? Initializers.GlorotUniform(null), kernelRegularizer, trainable, naming.ModelVariables);
        var bias = useBias
            ? LayerScope.Variable(graph, naming.Bias, [filters], dtype, biasInitializer ?? Initializers.Zeros(), biasRegularizer, trainable, naming.ModelVariables)
            : null;

        var outputs = ConvOps.Conv2D(inputs, kernel, Spatial(s, format), pad, true, format, Spatial(d, format), "Conv2D");
        if (bias is not null)
        {
            outputs = ConvOps.BiasAdd(outputs, bias, format, "BiasAdd");
        }

        return activation is null ? outputs : activation(outputs);
    }

    /// <summary>TF1's <c>tf.layers.conv2d_transpose</c>: the gradient of a convolution with respect to its input
    /// (Conv2DBackpropInput), kernel [kh, kw, filters, in]; output size in·stride + max(k - stride, 0) for "valid",
    /// in·stride for "same".</summary>
    public static Tensor Transpose(Tensor inputs, int filters, IntTuple kernelSize, IntTuple strides, string padding, string dataFormat,
        Func<Tensor, Tensor>? activation, bool useBias, Initializer? kernelInitializer, Initializer? biasInitializer,
        Regularizer? kernelRegularizer, Regularizer? biasRegularizer, bool trainable, string? name, VariableReuse? reuse)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var graph = inputs.Graph;
        var dtype = LayerScope.FloatType(inputs, "Conv2DTranspose");
        string format = LayerScope.DataFormat(dataFormat);
        string pad = LayerScope.Padding(padding);
        int[] k = kernelSize.Normalize(2, "kernel_size"), s = strides.Normalize(2, "strides");
        var shape = inputs.Shape;
        if (!shape.HasRank || shape.Rank != 4)
        {
            throw new GraphException($"Inputs should have rank 4. Received input shape: {shape} (inputs '{inputs.Name}').");
        }

        bool nhwc = format == "NHWC";
        int inDim = LayerScope.LastDim(inputs, "Conv2DTranspose", nhwc ? -1 : 1);
        var (hAxis, wAxis) = nhwc ? (1, 2) : (2, 3);
        if (shape[hAxis] < 0 || shape[wAxis] < 0)
        {
            throw new GraphException($"conv2d_transpose needs the spatial dimensions of its inputs, got shape {shape} (inputs '{inputs.Name}').");
        }

        int outH = OutputLength(shape[hAxis], k[0], pad, s[0]), outW = OutputLength(shape[wAxis], k[1], pad, s[1]);
        using var scope = LayerScope.Open(graph, name, "conv2d_transpose", reuse);
        var kernel = LayerScope.Variable(graph, "kernel", [k[0], k[1], filters, inDim], dtype,
            kernelInitializer ?? Initializers.GlorotUniform(null), kernelRegularizer, trainable);
        var bias = useBias
            ? LayerScope.Variable(graph, "bias", [filters], dtype, biasInitializer ?? Initializers.Zeros(), biasRegularizer, trainable)
            : null;

        int[] rest = nhwc ? [outH, outW, filters] : [filters, outH, outW];
        Tensor outputShape;
        if (shape[0] >= 0)
        {
            outputShape = OpBuilder.IntVector([shape[0], .. rest], graph, "stack");
        }
        else
        {
            var batch = ManipulationOps.StridedSlice(ArrayOps.ShapeOf(inputs, DType.Int32, "Shape"), OpBuilder.IntVector([0], graph),
                OpBuilder.IntVector([1], graph), OpBuilder.IntVector([1], graph), new SliceMasks(Shrink: 1), "strided_slice");
            outputShape = ManipulationOps.Pack([batch, .. rest.Select(r => OpBuilder.Scalar(r, DType.Int32, graph))], 0, "stack");
        }

        var outputs = ConvOps.Conv2DBackpropInput(outputShape, kernel, inputs, Spatial(s, format), pad, true, format, [1, 1, 1, 1],
            "conv2d_transpose");
        outputs.SetShape([shape[0], .. rest]); // TF1 sets the static shape the dynamic batch size hides
        if (bias is not null)
        {
            outputs = ConvOps.BiasAdd(outputs, bias, format, "BiasAdd");
        }

        return activation is null ? outputs : activation(outputs);
    }

    /// <summary>TF's <c>deconv_output_length</c> without output padding or dilation.</summary>
    private static int OutputLength(int input, int kernel, string padding, int stride) => padding == "VALID"
        ? (input * stride) + Math.Max(kernel - stride, 0)
        : input * stride;

    /// <summary>A spatial pair as the op's 4-vector for <paramref name="format"/>.</summary>
    internal static int[] Spatial(int[] hw, string format) => format == "NHWC" ? [1, hw[0], hw[1], 1] : [1, 1, hw[0], hw[1]];
}
