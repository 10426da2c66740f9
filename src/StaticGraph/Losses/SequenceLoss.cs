using StaticGraph.Ops;

namespace StaticGraph.Losses;

/// <summary>TF1's sequence cross-entropy losses: <c>tf.contrib.legacy_seq2seq.sequence_loss_by_example</c> and
/// <c>sequence_loss</c> over lists of per-step tensors, and <c>tf.contrib.seq2seq.sequence_loss</c> over
/// [batch, time, classes] logits. The default per-step loss is sparse softmax cross-entropy; a
/// <c>softmax_loss_function</c> (labels, logits) → [batch] losses replaces it.</summary>
internal static class SequenceLoss
{
    /// <summary>Σ_t w_t·xent_t per example ([batch]), divided by Σ_t w_t + 1e-12 when
    /// <paramref name="averageAcrossTimesteps"/>.</summary>
    public static Tensor ByExample(IReadOnlyList<Tensor> logits, IReadOnlyList<Tensor> targets, IReadOnlyList<Tensor> weights,
        bool averageAcrossTimesteps, Func<Tensor, Tensor, Tensor>? softmaxLossFunction, string? name)
    {
        CheckLists(logits, targets, weights);
        var graph = logits[0].Graph;
        using var scope = graph.NameScope(name ?? "sequence_loss_by_example");
        var terms = new Tensor[logits.Count];
        for (int t = 0; t < logits.Count; t++)
        {
            var crossent = softmaxLossFunction is null
                ? NnOps.SparseSoftmaxCrossEntropy(ArrayOps.Reshape(targets[t], OpBuilder.IntVector([-1], graph), null), logits[t], null)
                : softmaxLossFunction(targets[t], logits[t]);
            terms[t] = crossent * weights[t];
        }

        var logPerps = AutodiffOps.AddN(terms, null);
        return averageAcrossTimesteps ? logPerps / (AutodiffOps.AddN(weights, null) + 1e-12) : logPerps;
    }

    /// <summary>Σ over the batch of <see cref="ByExample"/>, divided by the batch size when
    /// <paramref name="averageAcrossBatch"/>.</summary>
    public static Tensor BatchCollapsed(IReadOnlyList<Tensor> logits, IReadOnlyList<Tensor> targets, IReadOnlyList<Tensor> weights,
        bool averageAcrossTimesteps, bool averageAcrossBatch, Func<Tensor, Tensor, Tensor>? softmaxLossFunction, string? name)
    {
        CheckLists(logits, targets, weights);
        var graph = logits[0].Graph;
        using var scope = graph.NameScope(name ?? "sequence_loss");
        var cost = ReduceOps.Sum(ByExample(logits, targets, weights, averageAcrossTimesteps, softmaxLossFunction, null), null, false, null);
        return averageAcrossBatch ? cost / ArrayOps.Cast(Dim(targets[0], 0), cost.DType, null) : cost;
    }

    /// <summary>Weighted cross-entropy of logits [batch, time, classes] against targets [batch, time]: with both
    /// averages a scalar Σ w·xent / (Σ w + 1e-12); averaging only across time gives [batch], only across the batch
    /// [time] (each summed and divided by its summed weights); neither gives the weighted [batch, time] losses.</summary>
    public static Tensor Dense(Tensor logits, Tensor targets, Tensor weights, bool averageAcrossTimesteps, bool averageAcrossBatch,
        Func<Tensor, Tensor, Tensor>? softmaxLossFunction, string? name)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        CheckRank(logits, 3, "Logits must be a [batch_size x sequence_length x logits] tensor");
        CheckRank(targets, 2, "Targets must be a [batch_size x sequence_length] tensor");
        CheckRank(weights, 2, "Weights must be a [batch_size x sequence_length] tensor");
        var graph = logits.Graph;
        using var scope = graph.NameScope(name ?? "sequence_loss");
        int classes = logits.Shape[2];
        var flatShape = classes >= 0 ? OpBuilder.IntVector([-1, classes], graph)
            : ManipulationOps.Pack([OpBuilder.Scalar(-1, DType.Int32, graph), Dim(logits, 2)], 0, null);
        var flatLogits = ArrayOps.Reshape(logits, flatShape, null);
        var flatTargets = ArrayOps.Reshape(targets, OpBuilder.IntVector([-1], graph), null);
        var crossent = softmaxLossFunction is null
            ? NnOps.SparseSoftmaxCrossEntropy(flatTargets, flatLogits, null)
            : softmaxLossFunction(flatTargets, flatLogits);
        crossent *= ArrayOps.Reshape(weights, OpBuilder.IntVector([-1], graph), null);
        if (averageAcrossTimesteps && averageAcrossBatch)
        {
            return ReduceOps.Sum(crossent, null, false, null) / (ReduceOps.Sum(weights, null, false, null) + 1e-12);
        }

        crossent = ArrayOps.Reshape(crossent, ManipulationOps.Pack([Dim(logits, 0), Dim(logits, 1)], 0, null), null);
        int? axis = averageAcrossTimesteps ? 1 : averageAcrossBatch ? 0 : null;
        return axis is int a
            ? ReduceOps.Sum(crossent, [a], false, null) / (ReduceOps.Sum(weights, [a], false, null) + 1e-12)
            : crossent;
    }

    /// <summary>tf.shape(x)[axis] as an int32 scalar.</summary>
    private static Tensor Dim(Tensor x, int axis)
    {
        var graph = x.Graph;
        return ManipulationOps.StridedSlice(ArrayOps.ShapeOf(x, DType.Int32, null), OpBuilder.IntVector([axis], graph),
            OpBuilder.IntVector([axis + 1], graph), OpBuilder.IntVector([1], graph), new SliceMasks(Shrink: 1), null);
    }

    private static void CheckRank(Tensor x, int rank, string message)
    {
        if (!x.Shape.HasRank || x.Shape.Rank != rank)
        {
            throw new GraphException($"{message} (got '{x.Name}' with shape {x.Shape}).");
        }
    }

    private static void CheckLists(IReadOnlyList<Tensor> logits, IReadOnlyList<Tensor> targets, IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        if (logits.Count != targets.Count || weights.Count != logits.Count)
        {
            throw new ArgumentException($"Lengths of logits, weights, and targets must be the same {logits.Count}, {weights.Count}, {targets.Count}.");
        }

        if (logits.Count == 0)
        {
            throw new ArgumentException("sequence losses need at least one time step.", nameof(logits));
        }
    }
}
