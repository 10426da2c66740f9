using StaticGraph.Ops;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>TF1's <c>tf.tuple</c>: an identity of each tensor that is available only once all of them are computed
    /// (each output runs after a group of every input's op).</summary>
    public static Tensor[] tuple(Tensor[] tensors, string? name = null, Operation[]? control_inputs = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0)
        {
            throw new ArgumentException("Must have at least one Tensor: []", nameof(tensors));
        }

        var graph = tensors[0].Graph;
        using var scope = graph.NameScope(name ?? "tuple");
        var gating = tensors.Select(t => t.Op).Concat(control_inputs ?? []).Distinct().ToArray();
        var gate = ArrayOps.NoOp("group_deps", gating);
        var result = new Tensor[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            using var dependency = graph.NameScope("control_dependency");
            using (graph.ControlDependencies([gate]))
            {
                result[i] = ArrayOps.Identity(tensors[i], dependency.Name);
            }
        }

        return result;
    }
}
