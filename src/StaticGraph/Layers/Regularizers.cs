using StaticGraph.Ops;

namespace StaticGraph.Layers;

/// <summary>TF1's weight regularizers (<c>tf.contrib.layers.l1_regularizer</c>, <c>l2_regularizer</c>): each returns
/// the penalty of a weight tensor in its own name scope, or nothing for a scale of 0.</summary>
internal static class Regularizers
{
    /// <summary>scale · Σ w² / 2 (scale · l2_loss(w)), op <c>l2_regularizer</c>.</summary>
    public static Regularizer L2(double scale, string? scope) => Make(scale, scope ?? "l2_regularizer", w => NnOps.L2Loss(w, null));

    /// <summary>scale · Σ |w|, op <c>l1_regularizer</c>.</summary>
    public static Regularizer L1(double scale, string? scope) =>
        Make(scale, scope ?? "l1_regularizer", w => ReduceOps.Sum(MathOps.Abs(w, null), null, false, null));

    private static Regularizer Make(double scale, string name, Func<Tensor, Tensor> penalty)
    {
        if (scale < 0 || double.IsNaN(scale))
        {
            throw new ArgumentException($"Setting a scale less than 0 on a regularizer: {scale}", nameof(scale));
        }

        if (scale == 0)
        {
            return _ => null; // TF1: "Scale of 0 disables regularizer."
        }

        return weights =>
        {
            using var scope = weights.Graph.NameScope(name);
            var s = OpBuilder.Scalar(scale, weights.DType, weights.Graph, "scale");
            return MathOps.Mul(s, penalty(weights), scope.Name);
        };
    }
}
