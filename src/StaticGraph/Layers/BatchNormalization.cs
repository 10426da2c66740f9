using StaticGraph.Ops;
using StaticGraph.Train;

namespace StaticGraph.Layers;

/// <summary>TF1's <c>tf.layers.batch_normalization</c>: gamma·(x - mean)/√(variance + ε) + beta, with the batch's
/// statistics in training and the moving averages otherwise; in training, moving = moving - (moving - batch)·(1 -
/// momentum) for the mean and the variance, as ops in UPDATE_OPS.</summary>
internal static class BatchNormalization
{
    /// <summary>The layer's options beyond its inputs.</summary>
    public sealed record Options(int Axis = -1, double Momentum = 0.99, double Epsilon = 0.001, bool Center = true, bool Scale = true,
        Initializer? BetaInitializer = null, Initializer? GammaInitializer = null, Initializer? MovingMeanInitializer = null,
        Initializer? MovingVarianceInitializer = null, Regularizer? BetaRegularizer = null, Regularizer? GammaRegularizer = null,
        bool Trainable = true, string? Name = null, VariableReuse? Reuse = null, bool? Fused = null);

    /// <summary>Builds the layer: FusedBatchNormV3 for 4-D inputs normalized over axis 3 (NHWC) or 1 (NCHW), as TF1
    /// does, else moments and batch_normalization.</summary>
    public static Tensor Apply(Tensor inputs, TrainingFlag training, Options o)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var graph = inputs.Graph;
        var dtype = LayerScope.FloatType(inputs, "BatchNormalization");
        var shape = inputs.Shape;
        if (!shape.HasRank)
        {
            throw new GraphException($"Input has undefined rank: inputs '{inputs.Name}' of batch_normalization.");
        }

        int rank = shape.Rank;
        int axis = o.Axis < 0 ? o.Axis + rank : o.Axis;
        if (axis < 0 || axis >= rank)
        {
            throw new GraphException($"Invalid axis: {o.Axis} for inputs of rank {rank} ('{inputs.Name}').");
        }

        int depth = shape[axis] >= 0 ? shape[axis]
            : throw new GraphException($"Input has undefined `axis` dimension. Input shape: {shape} (inputs '{inputs.Name}').");
        bool fused = o.Fused ?? (rank == 4 && axis is 1 or 3);
        if (fused && !(rank == 4 && axis is 1 or 3))
        {
            throw new GraphException($"Unsupported axis, fused batch norm only supports axis == [1] or axis == [3], got axis {o.Axis} for rank {rank}.");
        }

        using var scope = LayerScope.Open(graph, o.Name, "batch_normalization", o.Reuse);
        Shape param = [depth];
        var gamma = o.Scale ? LayerScope.Variable(graph, "gamma", param, dtype, o.GammaInitializer ?? Initializers.Ones(), o.GammaRegularizer, o.Trainable) : null;
        var beta = o.Center ? LayerScope.Variable(graph, "beta", param, dtype, o.BetaInitializer ?? Initializers.Zeros(), o.BetaRegularizer, o.Trainable) : null;
        var movingMean = LayerScope.Variable(graph, "moving_mean", param, dtype, o.MovingMeanInitializer ?? Initializers.Zeros(), null, false);
        var movingVariance = LayerScope.Variable(graph, "moving_variance", param, dtype, o.MovingVarianceInitializer ?? Initializers.Ones(), null, false);

        var (outputs, mean, variance) = fused
            ? Fused(inputs, training, axis == 3 ? "NHWC" : "NCHW", gamma, beta, movingMean, movingVariance, o.Epsilon)
            : Moments(inputs, training, axis, gamma, beta, movingMean, movingVariance, o.Epsilon);

        if (training.Tensor is not null || training.Value)
        {
            // TF1: momentum is 1 (no update) when a run-time flag is false; decay = 1 - momentum.
            Tensor decay = OpBuilder.Scalar(1 - o.Momentum, dtype, graph, "decay");
            if (training.Tensor is Tensor flag)
            {
                decay *= ArrayOps.Cast(flag, dtype, null);
            }

            graph.AddToCollection(tf.GraphKeys.UPDATE_OPS, AssignMovingAverage(movingMean, mean!, decay));
            graph.AddToCollection(tf.GraphKeys.UPDATE_OPS, AssignMovingAverage(movingVariance, variance!, decay));
        }

        return outputs;
    }

    /// <summary>FusedBatchNormV3 (training: batch statistics, the variance it returns carries Bessel's correction n/(n -
    /// 1) as TF1's moving variance does; inference: the moving averages). A run-time flag computes both and blends.</summary>
    private static (Tensor Y, Tensor? Mean, Tensor? Variance) Fused(Tensor x, TrainingFlag training, string format, Variable? gamma,
        Variable? beta, Variable movingMean, Variable movingVariance, double epsilon)
    {
        var graph = x.Graph;
        int depth = movingMean.Shape[0];
        Tensor scale = gamma is null ? tf.ones([depth], x.DType, "Const") : gamma;
        Tensor offset = beta is null ? tf.zeros([depth], x.DType, "Const_1") : beta;
        double eps = Math.Max(epsilon, 1.001e-5);
        Tensor[] Run(bool isTraining)
        {
            var empty = OpBuilder.Const(NDArray.Zeros(x.DType, [0]), "Const", graph);
            return NnOps.FusedBatchNorm(x, scale, offset, isTraining ? empty : movingMean, isTraining ? empty : movingVariance, eps, format,
                isTraining, v3: true, "FusedBatchNormV3");
        }

        if (training.Tensor is Tensor flag)
        {
            var train = Run(true);
            var infer = Run(false);
            return (LayerScope.Blend(flag, train[0], infer[0]), train[1], train[2]);
        }

        if (!training.Value)
        {
            return (Run(false)[0], null, null);
        }

        var outputs = Run(true);
        return (outputs[0], outputs[1], outputs[2]);
    }

    /// <summary>moments over every axis but <paramref name="axis"/> (biased variance), then batch_normalization with
    /// the per-channel vectors reshaped to broadcast along <paramref name="axis"/>.</summary>
    private static (Tensor Y, Tensor? Mean, Tensor? Variance) Moments(Tensor x, TrainingFlag training, int axis, Variable? gamma,
        Variable? beta, Variable movingMean, Variable movingVariance, double epsilon)
    {
        var graph = x.Graph;
        int rank = x.Shape.Rank;
        int[] reduction = Enumerable.Range(0, rank).Where(i => i != axis).ToArray();
        Tensor Broadcast(Tensor v)
        {
            if (axis == rank - 1)
            {
                return v;
            }

            int[] target = Enumerable.Repeat(1, rank).ToArray();
            target[axis] = movingMean.Shape[0];
            return ArrayOps.Reshape(v, OpBuilder.IntVector(target, graph), "Reshape");
        }

        Tensor mean = movingMean, variance = movingVariance;
        Tensor? batchMean = null, batchVariance = null;
        if (training.Tensor is not null || training.Value)
        {
            (batchMean, batchVariance) = NnOps.Moments(x, reduction, false, "moments");
            if (training.Tensor is Tensor flag)
            {
                // The blended statistics equal the moving ones when the flag is false, so the update is then a no-op.
                batchMean = LayerScope.Blend(flag, batchMean, movingMean);
                batchVariance = LayerScope.Blend(flag, batchVariance, movingVariance);
            }

            (mean, variance) = (batchMean, batchVariance);
        }

        var y = NnOps.BatchNormalization(x, Broadcast(mean), Broadcast(variance), beta is null ? null : Broadcast(beta),
            gamma is null ? null : Broadcast(gamma), epsilon, "batchnorm");
        return (y, batchMean, batchVariance);
    }

    /// <summary>TF1's <c>_assign_moving_average</c>: AssignSub(variable, (variable - value)·decay) named
    /// <c>AssignMovingAvg</c>.</summary>
    private static Operation AssignMovingAverage(Variable variable, Tensor value, Tensor decay)
    {
        using var scope = variable.Graph.NameScope("AssignMovingAvg");
        var delta = (variable.Value - value) * decay;
        return variable.AssignSub(delta, scope.Name);
    }
}
