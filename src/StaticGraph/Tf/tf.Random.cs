using StaticGraph.Ops;

namespace StaticGraph;

// Random tensors (TF1 seeds: tf.set_random_seed for the graph, seed: for the op).
public static partial class tf
{
    /// <summary>Samples of N(mean, stddev²).</summary>
    public static Tensor random_normal(Shape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, int? seed = null, string name = "random_normal") =>
        Normal("RandomStandardNormal", shape, mean, stddev, dtype ?? float32, seed, name);

    /// <summary>Samples of N(mean, stddev²) restricted to two standard deviations.</summary>
    public static Tensor truncated_normal(Shape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, int? seed = null, string name = "truncated_normal") =>
        Normal("TruncatedNormal", shape, mean, stddev, dtype ?? float32, seed, name);

    /// <summary>Samples of U[minval, maxval).</summary>
    public static Tensor random_uniform(Shape shape, double minval = 0.0, double maxval = 1.0, DType? dtype = null, int? seed = null, string name = "random_uniform")
    {
        // TF1: shape, min, max, then the op (its seed counts those three), then add(raw * (max - min), min).
        var d = dtype ?? float32;
        var graph = StaticGraph.Graph.Default;
        using var scope = graph.NameScope(name);
        var dims = OpBuilder.IntVector(ShapeDims(shape), graph, "shape");
        var min = OpBuilder.Scalar(minval, d, graph, "min");
        var max = OpBuilder.Scalar(maxval, d, graph, "max");
        var raw = RandomOps.Random("RandomUniform", dims, d, seed, "RandomUniform");
        return MathOps.Add(MathOps.Mul(raw, MathOps.Sub(max, min, "sub"), "mul"), min, scope.Name);
    }

    // TF1: shape, mean, stddev, then the op, then add(raw * stddev, mean) named like the scope.
    private static Tensor Normal(string type, Shape shape, double mean, double stddev, DType dtype, int? seed, string name)
    {
        var graph = StaticGraph.Graph.Default;
        using var scope = graph.NameScope(name);
        var dims = OpBuilder.IntVector(ShapeDims(shape), graph, "shape");
        var meanT = OpBuilder.Scalar(mean, dtype, graph, "mean");
        var stddevT = OpBuilder.Scalar(stddev, dtype, graph, "stddev");
        var raw = RandomOps.Random(type, dims, dtype, seed, type);
        return MathOps.Add(MathOps.Mul(raw, stddevT, "mul"), meanT, scope.Name);
    }

    private static int[] ShapeDims(Shape shape) => (shape ?? throw new ArgumentNullException(nameof(shape))).IsFullyDefined
        ? shape.ToArray()
        : throw new GraphException($"Random ops need a fully defined shape, got {shape}; pass a shape tensor for dynamic shapes.");
}
