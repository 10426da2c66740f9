namespace StaticGraph;

/// <summary>Argument checks the RNN cells share.</summary>
internal static class RnnChecks
{
    /// <summary><paramref name="value"/> when positive, else an error naming the parameter.</summary>
    public static int Positive(int value, string name) => value > 0 ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    /// <summary>A keep probability in (0, 1].</summary>
    public static double KeepProb(double value, string name) => value is > 0 and <= 1 ? value
        : throw new ArgumentOutOfRangeException(name, value, $"Parameter {name} must be between 0 and 1: {value}");
}
