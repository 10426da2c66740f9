using StaticGraph.Ops;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>Random sampling (<c>tf.random.*</c>): TF1's aliases of the top-level random functions.</summary>
    public static partial class random
    {
        /// <summary>Samples of N(mean, stddev²).</summary>
        public static Tensor normal(Shape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, int? seed = null, string name = "random_normal") =>
            random_normal(shape, mean, stddev, dtype, seed, name);

        /// <summary>Samples of U[minval, maxval).</summary>
        public static Tensor uniform(Shape shape, double minval = 0.0, double maxval = 1.0, DType? dtype = null, int? seed = null, string name = "random_uniform") =>
            random_uniform(shape, minval, maxval, dtype, seed, name);

        /// <summary>Samples of N(mean, stddev²) restricted to two standard deviations.</summary>
        public static Tensor truncated_normal(Shape shape, double mean = 0.0, double stddev = 1.0, DType? dtype = null, int? seed = null, string name = "truncated_normal") =>
            tf.truncated_normal(shape, mean, stddev, dtype, seed, name);

        /// <summary>value with its slices along dimension 0 in a random order.</summary>
        public static Tensor shuffle(Tensor value, int? seed = null, string? name = null) => SpecialMathOps.RandomShuffle(value, seed, name);

        /// <summary>num_samples class indices per row of logits [batch, classes], drawn from softmax(logits).</summary>
        public static Tensor multinomial(Tensor logits, int num_samples, int? seed = null, string? name = null, DType? output_dtype = null) =>
            tf.multinomial(logits, num_samples, seed, name, output_dtype);

        /// <summary>num_samples class indices per row of logits [batch, classes] (int64 unless <paramref name="dtype"/>).</summary>
        public static Tensor categorical(Tensor logits, int num_samples, DType? dtype = null, int? seed = null, string? name = null) =>
            tf.multinomial(logits, num_samples, seed, name ?? "categorical", dtype);

        /// <summary>Sets the default graph's seed.</summary>
        public static void set_random_seed(int seed) => tf.set_random_seed(seed);
    }
}
