using System.Text.RegularExpressions;
using StaticGraph.Ops;

namespace StaticGraph.Losses;

/// <summary>TF1's loss collection helpers: <c>get_losses</c>, <c>get_regularization_losses</c>,
/// <c>get_regularization_loss</c>, <c>get_total_loss</c>.</summary>
internal static class LossCollections
{
    /// <summary>The tensors in <paramref name="key"/> whose names match <paramref name="scope"/> from their start (TF1's
    /// <c>get_collection(key, scope)</c>), in insertion order.</summary>
    public static Tensor[] Get(Graph graph, string key, string? scope) => graph.GetCollection<Tensor>(key)
        .Where(t => scope is null || Regex.IsMatch(t.Name, "^(?:" + scope + ")", RegexOptions.None, TimeSpan.FromSeconds(1)))
        .ToArray();

    /// <summary>AddN of the regularization losses, or a float32 constant 0 when there are none.</summary>
    public static Tensor RegularizationLoss(Graph graph, string? scope, string name)
    {
        var losses = Get(graph, tf.GraphKeys.REGULARIZATION_LOSSES, scope);
        return losses.Length > 0 ? AddN(losses, name) : OpBuilder.Scalar(0.0, DType.Float32, graph);
    }

    /// <summary>AddN of the losses (and the regularization losses); an error when there are none.</summary>
    public static Tensor TotalLoss(Graph graph, bool addRegularizationLosses, string name, string? scope)
    {
        var losses = Get(graph, tf.GraphKeys.LOSSES, scope).ToList();
        if (addRegularizationLosses)
        {
            losses.AddRange(Get(graph, tf.GraphKeys.REGULARIZATION_LOSSES, scope));
        }

        return losses.Count > 0 ? AddN(losses, name)
            : throw new GraphException("get_total_loss: there are no losses in tf.GraphKeys.LOSSES (or REGULARIZATION_LOSSES) to add.");
    }

    /// <summary>TF1's add_n: one input comes back as an identity named <paramref name="name"/>.</summary>
    private static Tensor AddN(IReadOnlyList<Tensor> inputs, string name) => inputs.Count == 1
        ? ArrayOps.Identity(inputs[0], name)
        : AutodiffOps.AddN(inputs, name);
}
