using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>Adam (Kingma and Ba): slots <c>m</c> (<c>VAR/Adam</c>) and <c>v</c> (<c>VAR/Adam_1</c>), non-slot
/// variables <c>beta1_power</c> and <c>beta2_power</c>; lr_t = lr·√(1-β₂ᵗ)/(1-β₁ᵗ), var -= lr_t·m/(√v + ε).</summary>
public sealed class AdamOptimizer : Optimizer
{
    private readonly LearningRate _learningRate;
    private readonly double _beta1, _beta2, _epsilon;
    private Tensor? _lr, _b1, _b2, _eps;

    /// <summary>An optimizer with TF1's defaults (0.001, 0.9, 0.999, 1e-8).</summary>
    public AdamOptimizer(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam")
        : this((LearningRate)learning_rate, beta1, beta2, epsilon, name)
    {
    }

    /// <summary>An optimizer with a tensor (scheduled) learning rate.</summary>
    public AdamOptimizer(LearningRate learning_rate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam") : base(name)
    {
        _learningRate = learning_rate;
        (_beta1, _beta2, _epsilon) = (beta1, beta2, epsilon);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> vars)
    {
        // TF1 creates the beta powers first, colocated with the first variable, then m and v per variable.
        var first = vars.OrderBy(v => v.Name, StringComparer.Ordinal).First();
        NonSlot(first.Graph, "beta1_power", _beta1);
        NonSlot(first.Graph, "beta2_power", _beta2);
        foreach (var v in vars)
        {
            ZerosSlot(v, "m");
            ZerosSlot(v, "v");
        }
    }

    private protected override void Prepare()
    {
        _lr = _learningRate.ToTensor("learning_rate");
        _b1 = tf.constant((float)_beta1, name: "beta1");
        _b2 = tf.constant((float)_beta2, name: "beta2");
        _eps = tf.constant((float)_epsilon, name: "epsilon");
    }

    private protected override Operation ApplyDense(Tensor grad, Variable var)
    {
        var d = var.DType;
        var (beta1Power, beta2Power) = (NonSlot(var.Graph, "beta1_power", _beta1), NonSlot(var.Graph, "beta2_power", _beta2));
        return TrainingOps.Update("ApplyAdam",
            [var.Ref, GetSlot(var, "m")!.Ref, GetSlot(var, "v")!.Ref, As(beta1Power.Value, d), As(beta2Power.Value, d),
             As(_lr!, d), As(_b1!, d), As(_b2!, d), As(_eps!, d), grad], null, ("use_nesterov", false));
    }

    // After the updates: beta1_power *= beta1, beta2_power *= beta2.
    private protected override Operation Finish(IReadOnlyList<Operation> updates, string name)
    {
        var graph = updates[0].Graph;
        var (beta1Power, beta2Power) = (NonSlot(graph, "beta1_power", _beta1), NonSlot(graph, "beta2_power", _beta2));
        Operation update1, update2;
        using (graph.ControlDependencies(updates))
        {
            update1 = beta1Power.Assign(beta1Power * _b1!);
            update2 = beta2Power.Assign(beta2Power * _b2!);
        }

        return ArrayOps.NoOp(name, [.. updates, update1, update2]);
    }
}
