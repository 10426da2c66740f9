namespace StaticGraph.Tests.Train;

public class InitializerTests
{
    private static double[] Values(Initializer init, Shape shape, out Shape actual)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var t = init(shape, tf.float64);
            using var sess = new Session(g);
            var v = sess.Run(t);
            actual = v.Shape;
            return v.ToArray<double>();
        }
    }

    [Theory]
    [InlineData(5, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 4)]
    public void Qr_reconstructs_the_matrix_with_orthonormal_Q_and_triangular_R(int m, int n)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var rng = new Random(3);
            var a = NDArray.FromArray(Enumerable.Range(0, m * n).Select(_ => rng.NextDouble() - 0.5).ToArray(), m, n);
            var (q, r) = StaticGraph.Ops.LinalgOps.Qr(tf.constant(a), false, null);
            using var sess = new Session(g);
            var (qv, rv, back, qtq) = sess.Run((q, r, tf.matmul(q, r), tf.matmul(q, q, transpose_a: true)));
            int p = Math.Min(m, n);
            Assert.Equal(new Shape(m, p), qv.Shape);
            Assert.Equal(new Shape(p, n), rv.Shape);
            var (aa, bb) = (a.ToArray<double>(), back.ToArray<double>());
            for (int i = 0; i < aa.Length; i++)
            {
                Assert.Equal(aa[i], bb[i], 12);
            }

            for (int i = 0; i < p; i++)
            {
                for (int j = 0; j < p; j++)
                {
                    Assert.Equal(i == j ? 1.0 : 0.0, qtq.GetValue<double>(i, j), 12);
                }

                for (int j = 0; j < i; j++)
                {
                    Assert.Equal(0.0, rv.GetValue<double>(i, j));
                }
            }
        }
    }

    [Theory]
    [InlineData(6, 3)]
    [InlineData(3, 6)]
    public void Orthogonal_initializer_gives_orthonormal_rows_or_columns_times_gain(int rows, int cols)
    {
        var w = Values(tf.orthogonal_initializer(gain: 2.0, seed: 1), [rows, cols], out var shape);
        Assert.Equal(new Shape(rows, cols), shape);
        int inner = Math.Min(rows, cols);
        for (int i = 0; i < inner; i++)
        {
            for (int j = 0; j < inner; j++)
            {
                // WᵀW = 4I for tall W, WWᵀ = 4I for wide W.
                double dot = 0;
                for (int k = 0; k < Math.Max(rows, cols); k++)
                {
                    dot += rows >= cols ? w[(k * cols) + i] * w[(k * cols) + j] : w[(i * cols) + k] * w[(j * cols) + k];
                }

                Assert.Equal(i == j ? 4.0 : 0.0, dot, 10);
            }
        }
    }

    [Fact]
    public void Glorot_uniform_stays_within_its_limit_and_fills_it()
    {
        var w = Values(tf.glorot_uniform_initializer(seed: 3), [20, 30], out _);
        double limit = Math.Sqrt(6.0 / 50);
        Assert.All(w, v => Assert.InRange(v, -limit, limit));
        Assert.True(w.Max() > limit * 0.9 && w.Min() < -limit * 0.9);
    }

    [Fact]
    public void Variance_scaling_truncated_normal_has_the_requested_variance()
    {
        // scale 2, fan_in 400: the samples' variance is 2/400 (the 0.8796 factor undoes the truncation).
        var w = Values(tf.variance_scaling_initializer(2.0, "fan_in", "truncated_normal", seed: 5), [400, 50], out _);
        double mean = w.Average(), variance = w.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(variance, 0.9 * 2 / 400, 1.1 * 2 / 400);
        Assert.All(w, v => Assert.InRange(Math.Abs(v), 0, 2 * Math.Sqrt(2.0 / 400) / 0.87962566103423978 + 1e-12));
    }

    [Fact]
    public void Convolution_kernels_count_the_receptive_field_in_their_fans()
    {
        var (fanIn, fanOut) = StaticGraph.Train.Initializers.Fans([3, 3, 16, 32]);
        Assert.Equal(144, fanIn);
        Assert.Equal(288, fanOut);
    }

    [Fact]
    public void Identity_and_constant_initializers_fill_as_TF1()
    {
        Assert.Equal(new[] { 3.0, 0, 0, 0, 3, 0 }, Values(tf.initializers.identity(3.0), [2, 3], out _));
        Assert.Equal(new[] { 7.0, 7, 7, 7 }, Values(tf.constant_initializer(7.0), [2, 2], out _));
    }

    [Fact]
    public void Get_variable_uses_glorot_uniform_and_TF1_reuse_errors()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Variable w;
            using (tf.variable_scope("layer"))
            {
                w = tf.get_variable("w", [4, 6]);
                var e = Assert.Throws<GraphException>(() => tf.get_variable("w", [4, 6]));
                Assert.Contains("Variable layer/w already exists, disallowed", e.Message, StringComparison.Ordinal);
            }

            Assert.Equal("layer/w:0", w.Name);
            Assert.NotNull(g.TryGetOperation("layer/w/Initializer/random_uniform"));
            using (tf.variable_scope("layer", reuse: true))
            {
                Assert.Same(w, tf.get_variable("w", [4, 6]));
                var e = Assert.Throws<GraphException>(() => tf.get_variable("v", [1]));
                Assert.Contains("Variable layer/v does not exist", e.Message, StringComparison.Ordinal);
            }

            using (tf.variable_scope("layer", reuse: tf.AUTO_REUSE))
            {
                Assert.Same(w, tf.get_variable("w"));
                Assert.Equal("layer/v:0", tf.get_variable("v", [1]).Name);
            }
        }
    }
}
