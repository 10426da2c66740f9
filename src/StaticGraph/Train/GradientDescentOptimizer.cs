using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>Plain gradient descent: var -= learning_rate · grad (TF's ApplyGradientDescent).</summary>
public sealed class GradientDescentOptimizer : Optimizer
{
    private readonly LearningRate _learningRate;
    private Tensor? _lr;

    /// <summary>An optimizer named <paramref name="name"/> with a constant or tensor learning rate.</summary>
    public GradientDescentOptimizer(LearningRate learning_rate, string name = "GradientDescent") : base(name) => _learningRate = learning_rate;

    private protected override void Prepare() => _lr = _learningRate.ToTensor("learning_rate");

    private protected override Operation ApplyDense(Tensor grad, Variable var) =>
        TrainingOps.Update("ApplyGradientDescent", [var.Ref, As(_lr!, var.DType), grad], null);
}
