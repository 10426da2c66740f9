using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>Momentum: accum = momentum · accum + grad; var -= lr · accum (Nesterov: var -= lr · (grad + momentum ·
/// accum)). Slot <c>momentum</c> is <c>VAR/Momentum</c>.</summary>
public sealed class MomentumOptimizer : Optimizer
{
    private readonly LearningRate _learningRate;
    private readonly LearningRate _momentum;
    private readonly bool _nesterov;
    private Tensor? _lr, _mom;

    /// <summary>An optimizer with the given learning rate and momentum.</summary>
    public MomentumOptimizer(LearningRate learning_rate, LearningRate momentum, string name = "Momentum", bool use_nesterov = false) : base(name)
    {
        _learningRate = learning_rate;
        _momentum = momentum;
        _nesterov = use_nesterov;
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> vars)
    {
        foreach (var v in vars)
        {
            ZerosSlot(v, "momentum");
        }
    }

    private protected override void Prepare()
    {
        _lr = _learningRate.ToTensor("learning_rate");
        _mom = _momentum.ToTensor("momentum");
    }

    private protected override Operation ApplyDense(Tensor grad, Variable var) => TrainingOps.Update("ApplyMomentum",
        [var.Ref, GetSlot(var, "momentum")!.Ref, As(_lr!, var.DType), grad, As(_mom!, var.DType)], null, ("use_nesterov", _nesterov));
}
