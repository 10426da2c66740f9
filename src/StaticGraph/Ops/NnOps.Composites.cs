using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// tf.nn composites: plain methods over primitives (no kernel, no gradient of their own), each in TF1's name scope.
internal static partial class NnOps
{
    /// <summary>Softmax or LogSoftmax along <paramref name="axis"/> (another axis than the last is swapped to the end and
    /// back, as TF1 does).</summary>
    public static Tensor SoftmaxAlong(string type, Tensor logits, int axis, string? name)
    {
        int rank = logits.Shape.HasRank ? logits.Shape.Rank : -1;
        if (axis == -1 || (rank >= 0 && axis == rank - 1))
        {
            return Out(type, name, [logits], ("T", logits.DType));
        }

        // TF1's _swap_axis: move the axis last, apply the op, move it back.
        var perm = SwapWithLast(rank, axis, $"tf.nn.{(type == "Softmax" ? "softmax" : "log_softmax")}", logits.Shape);
        using var scope = logits.Graph.NameScope(name ?? type);
        var swapped = Out(type, null, [ManipulationOps.Transpose(logits, perm, null)], ("T", logits.DType));
        return ManipulationOps.Transpose(swapped, perm, scope.Name);
    }

    /// <summary>The permutation exchanging <paramref name="axis"/> and the last axis (its own inverse).</summary>
    private static int[] SwapWithLast(int rank, int axis, string what, Shape shape)
    {
        if (rank < 0 || axis < -rank || axis >= rank)
        {
            throw new GraphException($"{what}: axis {axis} is out of range for shape {shape} (a known rank is needed for an axis other than the last).");
        }

        int a = axis < 0 ? axis + rank : axis;
        var perm = Enumerable.Range(0, rank).ToArray();
        (perm[a], perm[rank - 1]) = (perm[rank - 1], perm[a]);
        return perm;
    }

    /// <summary>-Σ labels · log_softmax(logits) over the last axis; the labels get no gradient when
    /// <paramref name="stopLabels"/> (TF1's <c>softmax_cross_entropy_with_logits</c>).</summary>
    public static Tensor SoftmaxCrossEntropy(Tensor labels, Tensor logits, int dim, bool stopLabels, string? name)
    {
        using var scope = logits.Graph.NameScope(name ?? "softmax_cross_entropy_with_logits");
        int rank = logits.Shape.HasRank ? logits.Shape.Rank : -1;
        if (dim != -1 && (rank < 0 || dim != rank - 1))
        {
            // TF1's _move_dim_to_end (here a swap: the loss reduces the class axis away, so the order of the rest is
            // restored by swapping it back before the reduction).
            var perm = SwapWithLast(rank, dim, "softmax_cross_entropy_with_logits", logits.Shape);
            labels = ManipulationOps.Transpose(labels, perm, null);
            logits = ManipulationOps.Transpose(logits, perm, null);
            if (stopLabels)
            {
                labels = AutodiffOps.StopGradient(labels, "labels_stop_gradient");
            }

            var perClass = ManipulationOps.Transpose(labels * LogSoftmax(logits, null), perm, null);
            return -ReduceOps.Sum(perClass, [dim], false, scope.Name);
        }

        if (stopLabels)
        {
            labels = AutodiffOps.StopGradient(labels, "labels_stop_gradient");
        }

        if (rank == 2)
        {
            return SoftmaxCrossEntropyWithLogits(logits, labels, scope.Name).Loss;
        }

        // Other ranks: the same loss over the last axis from LogSoftmax (still stable: it works on x - max x).
        return -ReduceOps.Sum(labels * LogSoftmax(logits, null), [-1], false, scope.Name);
    }

    /// <summary>-log_softmax(logits)[labels] per example; labels of rank r, logits of rank r + 1.</summary>
    public static Tensor SparseSoftmaxCrossEntropy(Tensor labels, Tensor logits, string? name)
    {
        using var scope = logits.Graph.NameScope(name ?? "SparseSoftmaxCrossEntropyWithLogits");
        if (logits.Shape.HasRank && logits.Shape.Rank == 2)
        {
            return SparseSoftmaxCrossEntropyWithLogits(logits, labels, scope.Name).Loss;
        }

        int classes = logits.Shape.HasRank ? logits.Shape[-1] : -1;
        if (classes < 0)
        {
            throw new GraphException($"sparse_softmax_cross_entropy_with_logits: logits of rank other than 2 need a known last dimension, got {logits.Shape}.");
        }

        var flat = ArrayOps.Reshape(logits, IntVector([-1, classes], logits.Graph), null);
        var flatLabels = ArrayOps.Reshape(labels, IntVector([-1], logits.Graph), null);
        var loss = SparseSoftmaxCrossEntropyWithLogits(flat, flatLabels, null).Loss;
        return ArrayOps.Reshape(loss, ArrayOps.ShapeOf(labels, DType.Int32, null), scope.Name);
    }

    /// <summary>z·(-log σ(x)) + (1 - z)·(-log(1 - σ(x))) = softplus(x) - x·z, stable for any x.</summary>
    public static Tensor SigmoidCrossEntropy(Tensor labels, Tensor logits, string? name)
    {
        using var scope = logits.Graph.NameScope(name ?? "logistic_loss");
        return MathOps.Sub(Softplus(logits, null), logits * labels, scope.Name);
    }

    /// <summary>(1 - z)·x + (1 + (q - 1)·z)·log(1 + e⁻ˣ), the positive terms weighted by q = pos_weight.</summary>
    public static Tensor WeightedCrossEntropy(Tensor labels, Tensor logits, Tensor posWeight, string? name)
    {
        using var scope = logits.Graph.NameScope(name ?? "logistic_loss");
        var logWeight = 1 + ((posWeight - 1) * labels);
        return MathOps.Add((1 - labels) * logits, logWeight * Softplus(-logits, null), scope.Name);
    }

    /// <summary>x / √max(Σ x², ε) over <paramref name="axes"/> (null: all).</summary>
    public static Tensor L2Normalize(Tensor x, int[]? axes, double epsilon, string? name)
    {
        using var scope = x.Graph.NameScope(name ?? "l2_normalize");
        var squareSum = ReduceOps.Sum(MathOps.Square(x, null), axes, true, null);
        var invNorm = MathOps.Rsqrt(MathOps.Maximum(squareSum, Scalar(epsilon, x.DType, x.Graph), null), null);
        return MathOps.Mul(x, invNorm, scope.Name);
    }

    /// <summary>mean = E[x], variance = E[(x - mean)²] over <paramref name="axes"/>.</summary>
    public static (Tensor Mean, Tensor Variance) Moments(Tensor x, int[] axes, bool keepdims, string? name)
    {
        using var scope = x.Graph.NameScope(name ?? "moments");
        var mean = ReduceOps.Mean(x, axes, true, "mean");
        var variance = ReduceOps.Mean(MathOps.Square(x - AutodiffOps.StopGradient(mean, null), null), axes, keepdims, "variance");
        return (keepdims ? mean : ReduceOps.Mean(x, axes, false, "Squeeze"), variance);
    }

    /// <summary>(x - mean) · scale / √(variance + ε) + offset (scale, offset optional).</summary>
    public static Tensor BatchNormalization(Tensor x, Tensor mean, Tensor variance, Tensor? offset, Tensor? scale, double epsilon, string? name)
    {
        using var scope = x.Graph.NameScope(name ?? "batchnorm");
        var inv = MathOps.Rsqrt(variance + epsilon, null);
        if (scale is not null)
        {
            inv *= scale;
        }

        return MathOps.Add(x * inv, offset is null ? -mean * inv : offset - (mean * inv), scope.Name);
    }

    /// <summary>x / keep_prob where U[0, 1) ≥ 1 - keep_prob, else 0 (TF1 seeds; keep_prob a tensor or a number).</summary>
    public static Tensor Dropout(Tensor x, Tensor? keepProbTensor, double? rate, int[]? noiseShape, int? seed, string? name)
    {
        if (rate is double r && (r < 0 || r >= 1))
        {
            throw new ArgumentException($"rate must be a scalar tensor or a float in the range [0, 1), got {r}", nameof(rate));
        }

        if (!x.DType.IsFloating)
        {
            throw new GraphException($"x has to be a floating point tensor since it's going to be scaled. Got a {x.DType} tensor instead.");
        }

        if (rate == 0)
        {
            return x;
        }

        var graph = x.Graph;
        using var scope = graph.NameScope(name ?? "dropout");
        var shape = noiseShape is null ? ArrayOps.ShapeOf(x, DType.Int32, null) : IntVector(noiseShape, graph, "noise_shape");
        var (s1, s2) = RandomOps.GetSeed(graph, seed);
        var uniform = Out("RandomUniform", "random_uniform", [shape], ("seed", s1), ("seed2", s2), ("dtype", x.DType), ("T", DType.Int32));
        var rateT = keepProbTensor is null ? Scalar(rate!.Value, x.DType, graph, "rate") : 1 - keepProbTensor;
        var keepProb = keepProbTensor ?? Scalar(1 - rate!.Value, x.DType, graph, "keep_prob");
        var mask = ArrayOps.Cast(MathOps.GreaterEqual(uniform, rateT, null), x.DType, null);
        return MathOps.Mul(x * (1 / keepProb), mask, scope.Name);
    }
}
