namespace StaticGraph.Examples;

/// <summary>The tensors of one of the book's font classifiers that its training loop touches: the image and one-hot
/// label placeholders, the softmax output <c>y</c>, the accuracy, the train step, and the dropout keep probability
/// placeholder where the model has one (fed 0.5 for training steps and 1.0 for evaluation, as the book does).</summary>
public sealed record FontModel(Tensor X, Tensor Labels, Tensor Probabilities, Tensor Accuracy, Operation TrainStep, Tensor? KeepProb = null);
