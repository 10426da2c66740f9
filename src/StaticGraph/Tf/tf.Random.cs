using StaticGraph.Ops;

namespace StaticGraph;

// Random tensors (TF1 seeds: tf.set_random_seed for the graph, seed: for the op).
public static partial class tf
{
    /// <summary>Samples of N(mean, stddev²).</summary>
    public static Tensor random_normal(Shape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, int? seed = null, string name = "random_normal") =>
        Scaled("RandomStandardNormal", shape, mean, stddev, dtype ?? float32, seed, name);

    /// <summary>Samples of N(mean, stddev²) restricted to two standard deviations.</summary>
    public static Tensor truncated_normal(Shape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, int? seed = null, string name = "truncated_normal") =>
        Scaled("TruncatedNormal", shape, mean, stddev, dtype ?? float32, seed, name);

    /// <summary>Samples of U[minval, maxval).</summary>
    public static Tensor random_uniform(Shape shape, double minval = 0.0, double maxval = 1.0, DType? dtype = null, int? seed = null, string name = "random_uniform") =>
        Scaled("RandomUniform", shape, minval, maxval - minval, dtype ?? float32, seed, name);

    // TF1 builds these as raw * scale + offset inside a name scope, the op taking the scope's name.
    private static Tensor Scaled(string type, Shape shape, double offset, double scale, DType dtype, int? seed, string name)
    {
        var graph = StaticGraph.Graph.Default;
        using var scope = graph.NameScope(name);
        var raw = RandomOps.Random(type, shape, dtype, seed, type);
        return MathOps.Add(MathOps.Mul(raw, OpBuilder.Scalar(scale, dtype, graph), "mul"), OpBuilder.Scalar(offset, dtype, graph), scope.Name);
    }
}
