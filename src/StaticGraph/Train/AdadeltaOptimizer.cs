using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>Adadelta: accum = ρ·accum + (1-ρ)g²; u = √(accum_update + ε)/√(accum + ε)·g;
/// accum_update = ρ·accum_update + (1-ρ)u²; var -= lr·u. Slots <c>accum</c> (<c>VAR/Adadelta</c>) and
/// <c>accum_update</c> (<c>VAR/Adadelta_1</c>).</summary>
public sealed class AdadeltaOptimizer : Optimizer
{
    private readonly LearningRate _learningRate;
    private readonly double _rho, _epsilon;
    private Tensor? _lr, _rhoT, _eps;

    /// <summary>An optimizer with TF1's defaults (0.001, 0.95, 1e-8).</summary>
    public AdadeltaOptimizer(double learning_rate = 0.001, double rho = 0.95, double epsilon = 1e-8, string name = "Adadelta")
        : this((LearningRate)learning_rate, rho, epsilon, name)
    {
    }

    /// <summary>An optimizer with a tensor learning rate.</summary>
    public AdadeltaOptimizer(LearningRate learning_rate, double rho = 0.95, double epsilon = 1e-8, string name = "Adadelta") : base(name)
    {
        _learningRate = learning_rate;
        (_rho, _epsilon) = (rho, epsilon);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> vars)
    {
        foreach (var v in vars)
        {
            ZerosSlot(v, "accum");
            ZerosSlot(v, "accum_update");
        }
    }

    private protected override void Prepare()
    {
        _lr = _learningRate.ToTensor("lr");
        _rhoT = tf.constant((float)_rho, name: "rho");
        _eps = tf.constant((float)_epsilon, name: "epsilon");
    }

    private protected override Operation ApplyDense(Tensor grad, Variable var)
    {
        var d = var.DType;
        return TrainingOps.Update("ApplyAdadelta",
            [var.Ref, GetSlot(var, "accum")!.Ref, GetSlot(var, "accum_update")!.Ref, As(_lr!, d), As(_rhoT!, d), As(_eps!, d), grad], null);
    }
}
