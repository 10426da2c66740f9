using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>Adagrad: accum += g²; var -= lr·g/√accum. Slot <c>accumulator</c> (<c>VAR/Adagrad</c>) starts at
/// <c>initial_accumulator_value</c>.</summary>
public sealed class AdagradOptimizer : Optimizer
{
    private readonly LearningRate _learningRate;
    private readonly double _initial;
    private Tensor? _lr;

    /// <summary>An optimizer with TF1's default initial accumulator 0.1.</summary>
    public AdagradOptimizer(LearningRate learning_rate, double initial_accumulator_value = 0.1, string name = "Adagrad") : base(name)
    {
        if (initial_accumulator_value <= 0)
        {
            throw new ArgumentException($"initial_accumulator_value must be positive: {initial_accumulator_value}", nameof(initial_accumulator_value));
        }

        _learningRate = learning_rate;
        _initial = initial_accumulator_value;
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> vars)
    {
        foreach (var v in vars)
        {
            Slot(v, "accumulator", tf.constant_initializer(_initial));
        }
    }

    private protected override void Prepare() => _lr = _learningRate.ToTensor("learning_rate");

    private protected override Operation ApplyDense(Tensor grad, Variable var) => TrainingOps.Update("ApplyAdagrad",
        [var.Ref, GetSlot(var, "accumulator")!.Ref, As(_lr!, var.DType), grad], null, ("update_slots", true));
}
