using StaticGraph.Ops;

namespace StaticGraph.Layers;

/// <summary>TF1's <c>tf.layers.dropout</c>: in training, x / (1 - rate) where U[0, 1) ≥ rate, else 0; otherwise x.</summary>
internal static class Dropout
{
    /// <summary>A bool <paramref name="training"/> decides at build time (false: <c>dropout/Identity</c>); a bool tensor
    /// decides at run time: both results are computed and SelectV2 picks one (TF1 uses smart_cond; tf.cond comes with
    /// the control-flow work).</summary>
    public static Tensor Apply(Tensor inputs, double rate, int[]? noiseShape, int? seed, TrainingFlag training, string? name)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (rate < 0 || rate >= 1)
        {
            throw new ArgumentException($"rate must be a scalar tensor or a float in the range [0, 1), got {rate}", nameof(rate));
        }

        using var scope = LayerScope.Open(inputs.Graph, name, "dropout", null);
        if (training.Tensor is Tensor flag)
        {
            var dropped = NnOps.Dropout(inputs, null, rate, noiseShape, seed, "dropout");
            return LayerScope.Blend(flag, dropped, inputs);
        }

        return training.Value
            ? NnOps.Dropout(inputs, null, rate, noiseShape, seed, "dropout")
            : ArrayOps.Identity(inputs, "Identity");
    }
}
