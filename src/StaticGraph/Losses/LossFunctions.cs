using StaticGraph.Ops;

namespace StaticGraph.Losses;

/// <summary>TF1's <c>tf.losses</c> functions: a per-element loss in the function's name scope, then
/// <see cref="WeightedLoss.Compute"/> (weights, reduction, LOSSES collection). Labels are cast to the dtype of the
/// predictions or logits.</summary>
internal static class LossFunctions
{
    /// <summary>|predictions - labels|.</summary>
    public static Tensor AbsoluteDifference(Tensor labels, Tensor predictions, LossWeights weights, string? scope, string? collection, string reduction) =>
        Regression("absolute_difference", labels, predictions, weights, scope, collection, reduction, (y, p) => MathOps.Abs(MathOps.Sub(p, y, null), null));

    /// <summary>(predictions - labels)².</summary>
    public static Tensor MeanSquaredError(Tensor labels, Tensor predictions, LossWeights weights, string? scope, string? collection, string reduction) =>
        Regression("mean_squared_error", labels, predictions, weights, scope, collection, reduction, (y, p) => MathOps.Square(MathOps.Sub(p, y, null), null));

    /// <summary>0.5·e² for |e| ≤ delta, else 0.5·delta² + delta·(|e| - delta), e = predictions - labels, as
    /// 0.5·q² + delta·(|e| - q) with q = min(|e|, delta).</summary>
    public static Tensor HuberLoss(Tensor labels, Tensor predictions, LossWeights weights, double delta, string? scope, string? collection, string reduction) =>
        Regression("huber_loss", labels, predictions, weights, scope, collection, reduction, (y, p) =>
        {
            var absError = MathOps.Abs(MathOps.Sub(p, y, null), null);
            var quadratic = MathOps.Minimum(absError, OpBuilder.Scalar(delta, p.DType, p.Graph), null);
            var linear = MathOps.Sub(absError, quadratic, null);
            return MathOps.Add(0.5 * MathOps.Mul(quadratic, quadratic, null), delta * linear, null);
        });

    /// <summary>-labels·log(predictions + ε) - (1 - labels)·log(1 - predictions + ε).</summary>
    public static Tensor LogLoss(Tensor labels, Tensor predictions, LossWeights weights, double epsilon, string? scope, string? collection, string reduction) =>
        Regression("log_loss", labels, predictions, weights, scope, collection, reduction, (y, p) =>
            (-(y * MathOps.Log(p + epsilon, null))) - ((1 - y) * MathOps.Log(1 - p + epsilon, null)));

    /// <summary>relu(1 - (2·labels - 1)·logits) for labels in {0, 1}.</summary>
    public static Tensor HingeLoss(Tensor labels, Tensor logits, LossWeights weights, string? scope, string? collection, string reduction) =>
        Regression("hinge_loss", labels, logits, weights, scope, collection, reduction, (y, x) => NnOps.Relu(1 - (((2 * y) - 1) * x), null));

    /// <summary>sigmoid_cross_entropy_with_logits with labels smoothed to labels·(1 - s) + s/2.</summary>
    public static Tensor SigmoidCrossEntropy(Tensor labels, Tensor logits, LossWeights weights, double labelSmoothing, string? scope, string? collection,
        string reduction) =>
        Regression("sigmoid_cross_entropy_loss", labels, logits, weights, scope, collection, reduction, (y, x) =>
        {
            if (labelSmoothing > 0)
            {
                y = (y * (1 - labelSmoothing)) + (0.5 * labelSmoothing);
            }

            return NnOps.SigmoidCrossEntropy(y, x, "xentropy");
        });

    /// <summary>softmax_cross_entropy_with_logits_v2 of stop_gradient(labels) smoothed to labels·(1 - s) + s/classes,
    /// one loss per example.</summary>
    public static Tensor SoftmaxCrossEntropy(Tensor onehotLabels, Tensor logits, LossWeights weights, double labelSmoothing, string? scope,
        string? collection, string reduction)
    {
        using var s = logits.Graph.NameScope(scope ?? "softmax_cross_entropy_loss");
        var labels = Cast(onehotLabels, logits);
        CheckCompatible(labels, logits);
        if (labelSmoothing > 0)
        {
            int classes = logits.Shape.HasRank ? logits.Shape[-1] : -1;
            Tensor numClasses = classes >= 0
                ? OpBuilder.Scalar(classes, logits.DType, logits.Graph)
                : ArrayOps.Cast(ManipulationOps.StridedSlice(ArrayOps.ShapeOf(labels, DType.Int32, null), OpBuilder.IntVector([-1], logits.Graph),
                    OpBuilder.IntVector([0], logits.Graph), OpBuilder.IntVector([1], logits.Graph), new SliceMasks(End: 1, Shrink: 1), null), logits.DType, null);
            labels = (labels * (1 - labelSmoothing)) + (labelSmoothing / numClasses);
        }

        var losses = NnOps.SoftmaxCrossEntropy(AutodiffOps.StopGradient(labels, null), logits, -1, false, "xentropy");
        return WeightedLoss.Compute(losses, weights, reduction, collection);
    }

    /// <summary>sparse_softmax_cross_entropy_with_logits: -log softmax(logits)[label], one loss per example.</summary>
    public static Tensor SparseSoftmaxCrossEntropy(Tensor labels, Tensor logits, LossWeights weights, string? scope, string? collection, string reduction)
    {
        using var s = logits.Graph.NameScope(scope ?? "sparse_softmax_cross_entropy_loss");
        var losses = NnOps.SparseSoftmaxCrossEntropy(labels, logits, "xentropy");
        return WeightedLoss.Compute(losses, weights, reduction, collection);
    }

    private static Tensor Regression(string defaultScope, Tensor labels, Tensor predictions, LossWeights weights, string? scope, string? collection,
        string reduction, Func<Tensor, Tensor, Tensor> perElement)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        using var s = predictions.Graph.NameScope(scope ?? defaultScope);
        var y = Cast(labels, predictions);
        CheckCompatible(y, predictions);
        return WeightedLoss.Compute(perElement(y, predictions), weights, reduction, collection);
    }

    private static Tensor Cast(Tensor labels, Tensor like) => labels.DType == like.DType ? labels : ArrayOps.Cast(labels, like.DType, null);

    private static void CheckCompatible(Tensor labels, Tensor predictions)
    {
        if (!labels.Shape.IsCompatibleWith(predictions.Shape))
        {
            throw new GraphException($"Shapes {predictions.Shape} and {labels.Shape} are incompatible (predictions '{predictions.Name}', labels '{labels.Name}').");
        }
    }
}
