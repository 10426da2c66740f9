namespace StaticGraph.Tests.Layers;

/// <summary>Comparisons of fetched values with hand-computed numbers for the layer, loss and moving-average tests.</summary>
internal static class LayerAssert
{
    public static double[] Doubles(NDArray nd) => nd.DType == DType.Float64
        ? nd.ToArray<double>()
        : nd.ToArray<float>().Select(v => (double)v).ToArray();

    public static void Close(double[] expected, NDArray actual, double tolerance = 1e-5)
    {
        var a = Doubles(actual);
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - a[i]) <= tolerance, $"entry {i}: expected {expected[i]}, got {a[i]}");
        }
    }

    public static void Close(double expected, NDArray actual, double tolerance = 1e-5) => Close([expected], actual, tolerance);
}
