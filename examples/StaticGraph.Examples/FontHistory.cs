namespace StaticGraph.Examples;

/// <summary>What the book's font training loop records: training and validation accuracy every
/// <see cref="Every"/> epochs, the final validation accuracy, and the validation confusion matrix (rows: true class,
/// columns: predicted class).</summary>
public sealed record FontHistory(IReadOnlyList<float> TrainAccuracy, IReadOnlyList<float> ValidationAccuracy, int Every,
    float FinalValidationAccuracy, int[,] Confusion)
{
    /// <summary>The book's two pictures after training: the accuracy curves and the confusion matrix.</summary>
    public void Plot(Plots? plots, string name)
    {
        plots?.AccuracyCurves(name, TrainAccuracy, ValidationAccuracy, Every);
        plots?.ConfusionMatrix(name, Confusion);
    }
}
