namespace StaticGraph.Examples;

/// <summary>What one run of a seed program measured, as the reproduction table reports it: the trainable parameter
/// count, the training steps taken, and the final validation accuracy.</summary>
public sealed record Outcome(long Parameters, int Steps, double ValidationAccuracy);
