using StaticGraph.Ops;

namespace StaticGraph.Train;

/// <summary>TF1's learning-rate schedules (composites over the global step) and the global step itself.</summary>
internal static class Schedules
{
    /// <summary>The graph's global step (collection GLOBAL_STEP), or null.</summary>
    public static Variable? GlobalStep(Graph graph) => graph.GetCollection<Variable>(tf.GraphKeys.GLOBAL_STEP) is [var first, ..] ? first : null;

    /// <summary>Creates the int64 scalar variable <c>global_step</c> (zeros, not trainable); an error when one exists.</summary>
    public static Variable CreateGlobalStep(Graph graph)
    {
        if (GlobalStep(graph) is not null)
        {
            throw new GraphException("\"global_step\" already exists.");
        }

        using (graph.AsDefault())
        using (graph.NameScope(null))
        {
            return graph.GetVariable(tf.GraphKeys.GLOBAL_STEP, Shape.Scalar, DType.Int64, Initializers.Zeros(), null, false,
                [tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.GLOBAL_STEP]);
        }
    }

    /// <summary>lr · rate^(step / decay_steps), the exponent floored when <paramref name="staircase"/>.</summary>
    public static Tensor ExponentialDecay(double learningRate, Tensor globalStep, int decaySteps, double decayRate, bool staircase, string? name) =>
        Scoped(name ?? "ExponentialDecay", globalStep, (lr, p) => lr * MathOps.Pow(Float(decayRate, lr), p, null), decaySteps, staircase, learningRate);

    /// <summary>lr / (1 + rate · step / decay_steps).</summary>
    public static Tensor InverseTimeDecay(double learningRate, Tensor globalStep, int decaySteps, double decayRate, bool staircase, string? name) =>
        Scoped(name ?? "InverseTimeDecay", globalStep, (lr, p) => lr / (1 + (Float(decayRate, lr) * p)), decaySteps, staircase, learningRate);

    /// <summary>lr · e^(-rate · step / decay_steps).</summary>
    public static Tensor NaturalExpDecay(double learningRate, Tensor globalStep, int decaySteps, double decayRate, bool staircase, string? name) =>
        Scoped(name ?? "NaturalExpDecay", globalStep, (lr, p) => lr * MathOps.Exp(-Float(decayRate, lr) * p, null), decaySteps, staircase, learningRate);

    /// <summary>(lr - end)·(1 - step/decay_steps)^power + end, with step capped at decay_steps (or, when
    /// <paramref name="cycle"/>, decay_steps stretched to the next multiple above step).</summary>
    public static Tensor PolynomialDecay(double learningRate, Tensor globalStep, int decaySteps, double endLearningRate, double power, bool cycle, string? name)
    {
        var graph = globalStep.Graph;
        using var scope = graph.NameScope(name ?? "PolynomialDecay");
        var lr = tf.constant((float)learningRate, name: "learning_rate");
        var step = ArrayOps.Cast(globalStep, DType.Float32, null);
        var steps = Float(decaySteps, lr);
        if (cycle)
        {
            // ceil(step / steps) = -floor(-step / steps); at least 1 so step 0 decays from the start.
            var multiplier = MathOps.Maximum(-MathOps.FloorDiv(-step, steps, null), Float(1, lr), null);
            steps = steps * multiplier;
        }
        else
        {
            step = MathOps.Minimum(step, steps, null);
        }

        var p = step / steps;
        var end = Float(endLearningRate, lr);
        return MathOps.Add(MathOps.Mul(lr - end, MathOps.Pow(1 - p, Float(power, lr), null), null), end, scope.Name);
    }

    /// <summary>values[0] while x ≤ boundaries[0], values[i] while boundaries[i-1] &lt; x ≤ boundaries[i], the last value
    /// after the last boundary.</summary>
    public static Tensor PiecewiseConstant(Tensor x, int[] boundaries, double[] values, string? name)
    {
        if (values.Length != boundaries.Length + 1)
        {
            throw new ArgumentException($"piecewise_constant needs one more value than boundaries, got {values.Length} values and {boundaries.Length} boundaries.");
        }

        if (boundaries.Zip(boundaries.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("piecewise_constant boundaries must be strictly increasing.", nameof(boundaries));
        }

        using var scope = x.Graph.NameScope(name ?? "PiecewiseConstant");
        Tensor result = tf.constant((float)values[0]);
        for (int i = 0; i < boundaries.Length; i++)
        {
            var past = ArrayOps.Cast(MathOps.Greater(x, OpBuilder.Scalar(boundaries[i], x.DType, x.Graph), null), DType.Float32, null);
            result = result + (past * (values[i + 1] - values[i]));
        }

        return ArrayOps.Identity(result, scope.Name);
    }

    /// <summary>lr · ((1 - alpha)·½(1 + cos(π·p)) + alpha) with p = min(step, decay_steps) / decay_steps.</summary>
    public static Tensor CosineDecay(double learningRate, Tensor globalStep, int decaySteps, double alpha, string? name)
    {
        if (decaySteps <= 0)
        {
            throw new ArgumentException($"decay_steps must be positive, got {decaySteps}.", nameof(decaySteps));
        }

        using var scope = globalStep.Graph.NameScope(name ?? "CosineDecay");
        var lr = tf.constant((float)learningRate, name: "initial_learning_rate");
        var steps = Float(decaySteps, lr);
        var step = MathOps.Minimum(ArrayOps.Cast(globalStep, DType.Float32, null), steps, null);
        var cosine = 0.5 * (1 + SpecialMathOps.Cos(Float(Math.PI, lr) * (step / steps), null));
        var decayed = ((1 - alpha) * cosine) + Float(alpha, lr);
        return MathOps.Mul(lr, decayed, scope.Name);
    }

    // lr_schedule(lr, p) with p = step / decay_steps (floored for staircase), under a name scope whose name the
    // result takes.
    private static Tensor Scoped(string name, Tensor globalStep, Func<Tensor, Tensor, Tensor> schedule, int decaySteps, bool staircase, double learningRate)
    {
        if (decaySteps <= 0)
        {
            throw new ArgumentException($"decay_steps must be positive, got {decaySteps}.", nameof(decaySteps));
        }

        using var scope = globalStep.Graph.NameScope(name);
        var lr = tf.constant((float)learningRate, name: "learning_rate");
        var step = ArrayOps.Cast(globalStep, DType.Float32, null);
        var steps = Float(decaySteps, lr);
        var p = staircase ? MathOps.FloorDiv(step, steps, null) : step / steps;
        return ArrayOps.Identity(schedule(lr, p), scope.Name);
    }

    private static Tensor Float(double value, Tensor like) => OpBuilder.Scalar(value, like.DType, like.Graph);
}
