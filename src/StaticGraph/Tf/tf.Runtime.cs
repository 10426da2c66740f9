using StaticGraph.Ops;

namespace StaticGraph;

// Assertions, printing, variable checks and stitching (TF1's control_flow_ops / logging_ops / data_flow_ops names).
public static partial class tf
{
    /// <summary>An op that fails the run, showing <paramref name="data"/>, when <paramref name="condition"/> is false.</summary>
    public static Operation Assert(Tensor condition, Tensor[] data, int summarize = 3, string? name = null) =>
        OpBuilder.Op("Assert", name ?? "Assert", [condition, .. data], ("T", data.Select(d => d.DType).ToArray()), ("summarize", summarize));

    /// <summary>y = input_, printing <paramref name="message"/> and the values of <paramref name="data"/> to standard
    /// error when it runs (TF1's <c>tf.Print</c>).</summary>
    public static Tensor Print(Tensor input_, Tensor[] data, string message = "", int first_n = -1, int summarize = 3, string? name = null) =>
        RuntimeOps.Print(input_, data, message, first_n, summarize, name);

    /// <summary>Whether <paramref name="variable"/> has been initialized in the running session.</summary>
    public static Tensor is_variable_initialized(Variable variable) =>
        RuntimeOps.IsVariableInitialized((variable ?? throw new ArgumentNullException(nameof(variable))).Ref, "IsVariableInitialized");

    /// <summary>merged[indices[m][i]] = data[m][i] (TF1's <c>tf.dynamic_stitch</c>).</summary>
    public static Tensor dynamic_stitch(Tensor[] indices, Tensor[] data, string? name = null) => RuntimeOps.DynamicStitch(indices, data, name);
}
