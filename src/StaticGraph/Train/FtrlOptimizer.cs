using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>FTRL-proximal (McMahan et al.): slots <c>accum</c> (<c>VAR/Ftrl</c>, starts at
/// <c>initial_accumulator_value</c>) and <c>linear</c> (<c>VAR/Ftrl_1</c>); see TF's ApplyFtrl.</summary>
public sealed class FtrlOptimizer : Optimizer
{
    private readonly LearningRate _learningRate;
    private readonly double _power, _initial, _l1, _l2;
    private Tensor? _lr, _l1T, _l2T, _powerT;

    /// <summary>An optimizer with TF1's defaults (power -0.5, accumulator 0.1, no regularization).</summary>
    public FtrlOptimizer(LearningRate learning_rate, double learning_rate_power = -0.5, double initial_accumulator_value = 0.1,
        double l1_regularization_strength = 0.0, double l2_regularization_strength = 0.0, string name = "Ftrl") : base(name)
    {
        if (learning_rate_power > 0)
        {
            throw new ArgumentException($"learning_rate_power must be <= 0: {learning_rate_power}", nameof(learning_rate_power));
        }

        if (initial_accumulator_value < 0 || l1_regularization_strength < 0 || l2_regularization_strength < 0)
        {
            throw new ArgumentException("initial_accumulator_value and the regularization strengths must be >= 0.");
        }

        _learningRate = learning_rate;
        (_power, _initial, _l1, _l2) = (learning_rate_power, initial_accumulator_value, l1_regularization_strength, l2_regularization_strength);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> vars)
    {
        foreach (var v in vars)
        {
            Slot(v, "accum", tf.constant_initializer(_initial));
            ZerosSlot(v, "linear");
        }
    }

    private protected override void Prepare()
    {
        _lr = _learningRate.ToTensor("learning_rate");
        _l1T = tf.constant((float)_l1, name: "l1_regularization_strength");
        _l2T = tf.constant((float)_l2, name: "l2_regularization_strength");
        _powerT = tf.constant((float)_power, name: "learning_rate_power");
    }

    private protected override Operation ApplyDense(Tensor grad, Variable var)
    {
        var d = var.DType;
        return TrainingOps.Update("ApplyFtrl",
            [var.Ref, GetSlot(var, "accum")!.Ref, GetSlot(var, "linear")!.Ref, grad, As(_lr!, d), As(_l1T!, d), As(_l2T!, d), As(_powerT!, d)], null);
    }
}
