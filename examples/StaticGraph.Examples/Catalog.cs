namespace StaticGraph.Examples;

/// <summary>One runnable tutorial.</summary>
public sealed record Example(string Name, string Description, Func<string[], int> Run);

/// <summary>Every example, by name.</summary>
public static class Catalog
{
    /// <summary>What runs when no name is given.</summary>
    public const string Main = "simple";

    public static IReadOnlyList<Example> All { get; } =
    [
        new("simple", "Seed 004 'simple computations': constants, matmul, variables, feeds (TF1 basics).", SimpleComputations.Run),
    ];
}
