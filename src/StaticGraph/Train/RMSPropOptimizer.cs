using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>RMSProp: ms = ρ·ms + (1-ρ)g²; mom = momentum·mom + lr·g/√(ms + ε); var -= mom (centered: ms - mg² in
/// the root). Slots <c>rms</c> (ones), <c>mg</c> (centered only), <c>momentum</c>: <c>VAR/RMSProp</c>,
/// <c>VAR/RMSProp_1</c>, <c>VAR/RMSProp_2</c>.</summary>
public sealed class RMSPropOptimizer : Optimizer
{
    private readonly LearningRate _learningRate;
    private readonly double _decay, _momentum, _epsilon;
    private readonly bool _centered;
    private Tensor? _lr, _rho, _mom, _eps;

    /// <summary>An optimizer with TF1's defaults (decay 0.9, momentum 0, epsilon 1e-10, not centered).</summary>
    public RMSPropOptimizer(LearningRate learning_rate, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10,
        bool centered = false, string name = "RMSProp") : base(name)
    {
        _learningRate = learning_rate;
        (_decay, _momentum, _epsilon, _centered) = (decay, momentum, epsilon, centered);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> vars)
    {
        foreach (var v in vars)
        {
            Slot(v, "rms", tf.ones_initializer());
            if (_centered)
            {
                ZerosSlot(v, "mg");
            }

            ZerosSlot(v, "momentum");
        }
    }

    private protected override void Prepare()
    {
        _lr = _learningRate.ToTensor("learning_rate");
        _rho = tf.constant((float)_decay, name: "decay");
        _mom = tf.constant((float)_momentum, name: "momentum");
        _eps = tf.constant((float)_epsilon, name: "epsilon");
    }

    private protected override Operation ApplyDense(Tensor grad, Variable var)
    {
        var d = var.DType;
        Tensor[] hypers = [As(_lr!, d), As(_rho!, d), As(_mom!, d), As(_eps!, d), grad];
        return _centered
            ? TrainingOps.Update("ApplyCenteredRMSProp", [var.Ref, GetSlot(var, "mg")!.Ref, GetSlot(var, "rms")!.Ref, GetSlot(var, "momentum")!.Ref, .. hypers], null)
            : TrainingOps.Update("ApplyRMSProp", [var.Ref, GetSlot(var, "rms")!.Ref, GetSlot(var, "momentum")!.Ref, .. hypers], null);
    }
}
