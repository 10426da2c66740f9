namespace StaticGraph.Benchmarks;

/// <summary>Deterministic inputs for the cases: the values do not affect speed, only their shapes do.</summary>
internal static class RandomData
{
    /// <summary>Uniform floats in [-scale, scale) from a fixed seed.</summary>
    public static float[] Uniform(int count, float scale = 1f, int seed = 42)
    {
        var rng = new Random(seed);
        var data = new float[count];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((rng.NextDouble() * 2) - 1) * scale;
        }

        return data;
    }

    /// <summary>A batch of input rows of shape <paramref name="shape"/> as a float32 NDArray.</summary>
    public static NDArray Batch(params int[] shape) => NDArray.FromArray(Uniform(shape.Aggregate(1, (a, b) => a * b)), shape);

    /// <summary>Class labels in [0, classes) as an int64 vector, for sparse softmax cross-entropy.</summary>
    public static NDArray Labels(int count, int classes)
    {
        var rng = new Random(7);
        return NDArray.FromArray(Enumerable.Range(0, count).Select(_ => (long)rng.Next(classes)).ToArray(), count);
    }
}
