using StaticGraph.Ops;

namespace StaticGraph.Layers;

/// <summary>What TF1's <c>tf.layers.Layer.__call__</c> does around every layer: the variable scope (and the name
/// scope of its ops), variable creation through <c>tf.get_variable</c>, and the run-time choice of a
/// <see cref="TrainingFlag"/>.</summary>
internal static class LayerScope
{
    /// <summary>Opens the layer's variable scope: unnamed layers (and named ones not reusing) take the first free of
    /// <c>name</c>, <c>name_1</c>, ... (TF1's <c>variable_scope(None, default_name=name)</c>); a reusing layer enters
    /// exactly <c>name</c>, as does a named tf.contrib.layers call (<paramref name="exactName"/>). The name scope opened
    /// with it holds the layer's ops (<c>dense/MatMul</c>).</summary>
    public static VariableScope Open(Graph graph, string? name, string defaultName, VariableReuse? reuse, bool exactName = false)
    {
        bool reusing = reuse is VariableReuse r && r.Mode != 0;
        return reusing || (exactName && name is not null)
            ? graph.OpenVariableScope(name ?? defaultName, null, reuse, null, null, null)
            : graph.OpenVariableScope(null, name ?? defaultName, reuse, null, null, null);
    }

    /// <summary><c>tf.get_variable(name, shape, initializer=..., regularizer=..., trainable=...)</c> in the open scope,
    /// with the inputs' dtype; <paramref name="model"/> also puts it in MODEL_VARIABLES (tf.contrib.layers).</summary>
    public static Variable Variable(Graph graph, string name, Shape shape, DType dtype, Initializer initializer,
        Regularizer? regularizer, bool trainable, bool model = false)
    {
        string[]? collections = model
            ? trainable
                ? [tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.MODEL_VARIABLES, tf.GraphKeys.TRAINABLE_VARIABLES]
                : [tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.MODEL_VARIABLES]
            : null;
        return graph.GetVariable(name, shape, dtype, initializer, regularizer, trainable, collections);
    }

    /// <summary>The last dimension of <paramref name="inputs"/>, which must be known to size the layer's weights.</summary>
    public static int LastDim(Tensor inputs, string layer, int axis = -1)
    {
        var shape = inputs.Shape;
        int d = shape.HasRank && shape.Rank > 0 ? shape[axis] : -1;
        return d >= 0 ? d : throw new GraphException(
            $"The {(axis == -1 ? "last" : "channel")} dimension of the inputs to `{layer}` should be defined. Found `None` (inputs '{inputs.Name}' with shape {shape}).");
    }

    /// <summary>A floating dtype for the layer's weights: the inputs' one.</summary>
    public static DType FloatType(Tensor inputs, string layer) => inputs.DType.IsFloating ? inputs.DType
        : throw new GraphException($"`{layer}` needs floating-point inputs, got '{inputs.Name}' of dtype {inputs.DType}.");

    /// <summary>Picks <paramref name="whenTrue"/> or <paramref name="whenFalse"/> by a run-time bool scalar with
    /// SelectV2 (TF1 uses tf.cond; until control flow lands both branches are computed, but the branch not taken
    /// contributes neither its values nor gradients).</summary>
    public static Tensor Blend(Tensor training, Tensor whenTrue, Tensor whenFalse) => IndexOps.SelectV2(training, whenTrue, whenFalse, null);

    /// <summary>Upper-cases TF1's padding ("valid"/"same").</summary>
    public static string Padding(string padding) => padding.ToUpperInvariant() switch
    {
        "VALID" => "VALID",
        "SAME" => "SAME",
        _ => throw new ArgumentException($"The `padding` argument must be one of \"valid\", \"same\". Received: {padding}", nameof(padding)),
    };

    /// <summary>"channels_last" -> NHWC, "channels_first" -> NCHW.</summary>
    public static string DataFormat(string dataFormat) => dataFormat switch
    {
        "channels_last" => "NHWC",
        "channels_first" => "NCHW",
        _ => throw new ArgumentException($"The `data_format` argument must be one of \"channels_first\", \"channels_last\". Received: {dataFormat}", nameof(dataFormat)),
    };
}
