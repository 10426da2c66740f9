namespace StaticGraph.Examples;

/// <summary>One runnable tutorial.</summary>
/// <param name="Smoke">Options for CI's short smoke run (few steps) so no example rots.</param>
public sealed record Example(string Name, string Description, Func<string[], int> Run, string Smoke = "");

/// <summary>Every example, by name.</summary>
public static class Catalog
{
    /// <summary>What runs when no name is given.</summary>
    public const string Main = "digits-cnn";

    public static IReadOnlyList<Example> All { get; } =
    [
        new("digits-cnn", "Main example: a tf.layers CNN (conv/pool x2, dense, Adam 1e-3) on the shipped 8x8 digits; --steps N --batch N --data PATH.", DigitsCnn.Run, "--steps 30"),
        new("simple", "Seed 004 'simple computations': constants, matmul, variables, feeds (TF1 basics).", SimpleComputations.Run),
        new("linear-regression", "Fit y = 0.5x + 2 with a variable, MSE and gradient descent.", LinearRegression.Run, "--steps 21"),
        new("logistic", "Seed 004 font logistic regression (softmax, GradientDescent 0.02, full batch); --data PATH --epochs N.", FontLogistic.Run, "--epochs 3"),
        new("font-hidden1", "Seed 004 font net with one sigmoid hidden layer of 128 (166,661 parameters, GD 0.01, 5000 epochs); --data PATH --epochs N.", FontHiddenLayers.OneHidden, "--epochs 3"),
        new("font-hidden2", "Seed 004 font net with sigmoid hidden layers of 128 and 32 (170,309 parameters, GD 0.01, 25000 epochs); --data PATH --epochs N.", FontHiddenLayers.TwoHidden, "--epochs 3"),
        new("font-cnn", "Seed 004 font CNN: conv 5x5x4 + max-pool + dense 32 with dropout (41,773 parameters, GD 0.01, 5000 epochs), Saver; --data PATH --epochs N.", FontCnn.Run, "--epochs 3"),
    ];
}
