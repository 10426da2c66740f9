using StaticGraph.Ops;

namespace StaticGraph.Losses;

/// <summary>TF1's <c>compute_weighted_loss</c>: weighs per-element losses, reduces them as asked and adds the result
/// to <c>tf.GraphKeys.LOSSES</c>.</summary>
internal static class WeightedLoss
{
    private static readonly string[] Reductions =
    [
        tf.losses.Reduction.NONE, tf.losses.Reduction.SUM, tf.losses.Reduction.SUM_OVER_BATCH_SIZE, tf.losses.Reduction.MEAN,
        tf.losses.Reduction.SUM_BY_NONZERO_WEIGHTS,
    ];

    /// <summary>losses·weights, then NONE: as is; SUM: Σ; MEAN: Σ / Σ weights (broadcast); SUM_OVER_BATCH_SIZE: Σ / number
    /// of elements; SUM_BY_NONZERO_WEIGHTS (the default): Σ / number of elements whose broadcast weight is not 0. A zero
    /// denominator gives 0 (TF's div_no_nan). Computed in the losses' dtype (TF1 goes through float32).</summary>
    public static Tensor Compute(Tensor losses, LossWeights weights, string reduction, string? lossCollection = tf.GraphKeys.LOSSES)
    {
        if (!Reductions.Contains(reduction))
        {
            throw new ArgumentException($"Invalid Reduction Key {reduction}.", nameof(reduction));
        }

        var graph = losses.Graph;
        using var scope = graph.NameScope("weighted_loss");
        var w = weights.Tensor is Tensor t ? ArrayOps.Cast(t, losses.DType, "Cast") : OpBuilder.Scalar(weights.Value, losses.DType, graph, "weights");
        if (w.Shape.HasRank && losses.Shape.HasRank && (w.Shape.Rank > losses.Shape.Rank
            || w.Shape.Zip(losses.Shape.Skip(losses.Shape.Rank - w.Shape.Rank)).Any(p => p.First >= 0 && p.Second >= 0 && p.First != 1 && p.First != p.Second)))
        {
            throw new GraphException($"weights can not be broadcast to values. values.shape={losses.Shape}. weights.shape={w.Shape}.");
        }

        var weighted = MathOps.Mul(losses, w, "Mul");
        Tensor loss;
        if (reduction == tf.losses.Reduction.NONE)
        {
            loss = weighted;
        }
        else
        {
            var sum = ReduceOps.Sum(weighted, null, false, "Sum");
            loss = reduction switch
            {
                tf.losses.Reduction.SUM => sum,
                tf.losses.Reduction.MEAN => SafeDiv(sum, ReduceOps.Sum(ArrayOps.OnesLike(losses, null) * w, null, false, null)),
                tf.losses.Reduction.SUM_OVER_BATCH_SIZE => SafeDiv(sum, NumElements(losses)),
                _ => SafeDiv(sum, NumPresent(losses, weights, w)),
            };
        }

        if (lossCollection is not null)
        {
            graph.AddToCollection(lossCollection, loss);
        }

        return loss;
    }

    /// <summary>x / y, or 0 where y = 0 (TF's div_no_nan, built from primitives): x / (y + [y = 0]) · [y ≠ 0].</summary>
    private static Tensor SafeDiv(Tensor x, Tensor y)
    {
        var zero = ArrayOps.Cast(MathOps.Equal(y, OpBuilder.Scalar(0, y.DType, y.Graph), null), y.DType, null);
        return MathOps.Mul(x / (y + zero), 1 - zero, "value");
    }

    private static Tensor NumElements(Tensor losses)
    {
        using var scope = losses.Graph.NameScope("num_elements");
        return ArrayOps.Cast(ArrayOps.Size(losses, DType.Int32, null), losses.DType, null);
    }

    /// <summary>The number of elements whose broadcast weight is not 0 (every element for a non-zero number).</summary>
    private static Tensor NumPresent(Tensor losses, LossWeights weights, Tensor w)
    {
        if (weights.Tensor is null && weights.Value != 0)
        {
            return NumElements(losses);
        }

        using var scope = losses.Graph.NameScope("num_present");
        var present = ArrayOps.Cast(MathOps.NotEqual(w, OpBuilder.Scalar(0, w.DType, w.Graph), null), losses.DType, null);
        return ReduceOps.Sum(present * ArrayOps.OnesLike(losses, null), null, false, scope.Name);
    }
}
