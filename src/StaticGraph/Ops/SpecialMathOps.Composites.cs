using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Composites over primitives, with TF1's graphs and name scopes: norms, logsumexp, variance and standard
// deviation, count_nonzero, confusion_matrix, clipping by norm and by global norm. No kernels or gradients of
// their own.
internal static partial class SpecialMathOps
{
    /// <summary>‖x‖ over <paramref name="axis"/> (all elements when null): ord 1 Σ|x|, 2 or "euclidean"/"fro"
    /// √Σx², ∞ max|x|, another p &gt; 0 (Σ|x|ᵖ)^(1/p).</summary>
    public static Tensor Norm(Tensor x, double ord, int[]? axis, bool keepdims, string? name)
    {
        if (!(ord > 0))
        {
            throw new ArgumentException($"'ord' must be a supported vector norm, got {ord}.", nameof(ord));
        }

        if (axis is { Length: > 1 } && ord != 2)
        {
            throw new ArgumentException($"'ord' {ord} over {axis.Length} axes is not supported; only the Frobenius norm is.", nameof(ord));
        }

        using var scope = x.Graph.NameScope(name ?? "norm");
        Tensor result;
        if (ord == 2)
        {
            result = MathOps.Sqrt(ReduceOps.Sum(x * x, axis, keepdims, null), null);
        }
        else if (ord == 1)
        {
            result = ReduceOps.Sum(MathOps.Abs(x, null), axis, keepdims, null);
        }
        else if (double.IsPositiveInfinity(ord))
        {
            result = ReduceOps.Max(MathOps.Abs(x, null), axis, keepdims, null);
        }
        else
        {
            var p = Scalar(ord, x.DType, x.Graph);
            var sum = ReduceOps.Sum(MathOps.Pow(MathOps.Abs(x, null), p, null), axis, keepdims, null);
            result = MathOps.Pow(sum, MathOps.Reciprocal(p, null), null);
        }

        return ArrayOps.Identity(result, scope.Name);
    }

    /// <summary>The norm named by a string: "euclidean" and "fro" are the 2-norm of the flattened axes.</summary>
    public static Tensor Norm(Tensor x, string ord, int[]? axis, bool keepdims, string? name) => ord is "euclidean" or "fro"
        ? Norm(x, 2, axis, keepdims, name)
        : throw new ArgumentException($"'ord' must be 'euclidean', 'fro' or a positive number, got '{ord}'.", nameof(ord));

    /// <summary>log Σ eˣ over the axes, as m + log Σ e^(x - m) with m = stop_gradient(max x), so large x stay
    /// finite. TF replaces an infinite m by 0; clipping m to the dtype's finite range gives the same results.</summary>
    public static Tensor ReduceLogSumExp(Tensor x, int[]? axis, bool keepdims, string? name)
    {
        using var scope = x.Graph.NameScope(name ?? "ReduceLogSumExp");
        // TF1: an infinite max is replaced by 0 so exp(x - max) stays defined; the max carries no gradient.
        var rawMax = ReduceOps.Max(x, axis, true, null);
        var finite = IndexOps.SelectV2(IsFinite(rawMax, null), rawMax, ArrayOps.ZerosLike(rawMax, null), null);
        var max = AutodiffOps.StopGradient(finite, null);
        var result = MathOps.Log(ReduceOps.Sum(MathOps.Exp(x - max, null), axis, keepdims, null), null);
        if (!keepdims)
        {
            max = ArrayOps.Reshape(max, ArrayOps.ShapeOf(result, DType.Int32, null), null);
        }

        return MathOps.Add(result, max, scope.Name);
    }

    /// <summary>mean((x - mean(x))²) over the axes.</summary>
    public static Tensor ReduceVariance(Tensor x, int[]? axis, bool keepdims, string? name)
    {
        using var scope = x.Graph.NameScope(name ?? "reduce_variance");
        var means = ReduceOps.Mean(x, axis, true, null);
        return ReduceOps.Mean(MathOps.Square(x - means, null), axis, keepdims, scope.Name);
    }

    /// <summary>√variance over the axes.</summary>
    public static Tensor ReduceStd(Tensor x, int[]? axis, bool keepdims, string? name)
    {
        using var scope = x.Graph.NameScope(name ?? "reduce_std");
        return MathOps.Sqrt(ReduceVariance(x, axis, keepdims, null), scope.Name);
    }

    /// <summary>The number of nonzero elements over the axes, as <paramref name="dtype"/>.</summary>
    public static Tensor CountNonzero(Tensor x, int[]? axis, bool keepdims, DType dtype, string? name)
    {
        using var scope = x.Graph.NameScope(name ?? "count_nonzero");
        var nonzero = ArrayOps.Cast(MathOps.NotEqual(x, Scalar(0, x.DType, x.Graph, "zeros"), null), DType.Int64, null);
        return ArrayOps.Cast(ReduceOps.Sum(nonzero, axis, keepdims, null), dtype, scope.Name);
    }

    /// <summary>cm[i, j] = Σ weight over the examples with label i and prediction j (1 each without weights);
    /// num_classes defaults to max(labels, predictions) + 1.</summary>
    public static Tensor ConfusionMatrix(Tensor labels, Tensor predictions, int? numClasses, Tensor? weights, DType dtype, string? name)
    {
        var graph = labels.Graph;
        using var scope = graph.NameScope(name ?? "confusion_matrix");
        if (numClasses is int n)
        {
            CheckClasses(labels, n, "labels");
            CheckClasses(predictions, n, "predictions");
        }

        var l = ArrayOps.Cast(labels, DType.Int64, null);
        var p = ArrayOps.Cast(predictions, DType.Int64, null);
        var classes = numClasses is int c
            ? Scalar(c, DType.Int64, graph)
            : MathOps.Maximum(ReduceOps.Max(p, null, false, null), ReduceOps.Max(l, null, false, null), null) + 1;
        var ids = ArrayOps.Reshape(ArrayOps.Range(Scalar(0, DType.Int64, graph), classes, Scalar(1, DType.Int64, graph), null), IntVector([1, -1], graph), null);

        // One-hot rows [N, C] compared against the class ids; cm = onehot(labels)ᵀ · (onehot(predictions) · w).
        Tensor OneHot(Tensor v) => ArrayOps.Cast(MathOps.Equal(ArrayOps.Reshape(v, IntVector([-1, 1], graph), null), ids, null), dtype, null);
        var right = OneHot(p);
        if (weights is not null)
        {
            right = right * ArrayOps.Reshape(ArrayOps.Cast(weights, dtype, null), IntVector([-1, 1], graph), null);
        }

        return MathOps.MatMul(OneHot(l), right, true, false, scope.Name);
    }

    // TF asserts 0 ≤ value < num_classes at run time; values known at build time are checked here.
    private static void CheckClasses(Tensor values, int numClasses, string what)
    {
        if (ConstantFolding.TryEvaluate(values) is NDArray v
            && v.AsType(DType.Int64).ToArray<long>().FirstOrDefault(k => k < 0 || k >= numClasses, -1) is long bad and not -1)
        {
            throw new InvalidArgumentException($"`{what}` out of bound: {bad} is not in [0, {numClasses}).");
        }
    }

    /// <summary>t · clip_norm / max(‖t‖₂, clip_norm) with the L2 norm over <paramref name="axes"/> (all when null);
    /// a zero norm gets a finite gradient.</summary>
    public static Tensor ClipByNorm(Tensor t, Tensor clipNorm, int[]? axes, string? name)
    {
        using var scope = t.Graph.NameScope(name ?? "clip_by_norm");
        var l2sum = ReduceOps.Sum(t * t, axes, true, null);
        var positive = ArrayOps.Cast(MathOps.Greater(l2sum, Scalar(0, t.DType, t.Graph), null), t.DType, null);
        // TF's where(l2sum > 0, sqrt(l2sum), l2sum) without a select: where l2sum is 0, sqrt sees 1 and is zeroed.
        var l2norm = MathOps.Sqrt(l2sum + (1 - positive), null) * positive;
        var clipped = t * clipNorm / MathOps.Maximum(l2norm, clipNorm, null);
        return ArrayOps.Identity(clipped, scope.Name);
    }

    /// <summary>√(Σᵢ ‖tᵢ‖₂²) over the non-null tensors.</summary>
    public static Tensor GlobalNorm(IReadOnlyList<Tensor?> tensors, string? name)
    {
        var present = tensors.Where(t => t is not null).Select(t => t!).ToArray();
        if (present.Length == 0)
        {
            throw new ArgumentException("global_norm needs at least one tensor.", nameof(tensors));
        }

        using var scope = present[0].Graph.NameScope(name ?? "global_norm");
        var halfSquared = AutodiffOps.AddN(present.Select(t => NnOps.L2Loss(t, null)).ToArray(), null);
        return MathOps.Sqrt(halfSquared * 2, "global_norm");
    }

    /// <summary>Each tᵢ · clip_norm / max(global_norm, clip_norm); NaN everywhere when the norm is infinite.</summary>
    public static (Tensor?[] Clipped, Tensor GlobalNorm) ClipByGlobalNorm(IReadOnlyList<Tensor?> tensors, Tensor clipNorm, Tensor? useNorm, string? name)
    {
        using var scope = clipNorm.Graph.NameScope(name ?? "clip_by_global_norm");
        var norm = useNorm ?? GlobalNorm(tensors, null);
        var one = Scalar(1, norm.DType, norm.Graph);
        var scaleForFinite = clipNorm * MathOps.Minimum(one / norm, one / clipNorm, null);
        var scale = scaleForFinite + (norm - norm); // NaN when the norm is infinite, as TF
        var clipped = tensors.Select((t, i) => t is null ? null
            : ArrayOps.Identity(t * ArrayOps.Cast(scale, t.DType, null), $"{scope.Name}_{i}")).ToArray();
        return (clipped, norm);
    }
}
