using StaticGraph.Ops;
using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

// Composites (logsumexp, norms, moments, counting, clipping) and the random samplers.
public partial class SpecialMathOpsTests
{
    [Fact]
    public void Reduce_logsumexp_stays_finite_for_large_values()
    {
        Close(Run(() => tf.reduce_logsumexp(tf.constant(new[] { 1000.0, 1000.0 }))), DType.Float64, [], [1000.6931471805599]);
        Close(Run(() => tf.reduce_logsumexp(tf.constant(new[,] { { 1000f, 1000f }, { 0f, -1000f } }), 1)), DType.Float32, [2], [1000.6931471805599, 0]);
        Close(Run(() => tf.reduce_logsumexp(tf.constant(new[,] { { 0.0, Math.Log(3) } }), 1, keepdims: true)), DType.Float64, [1, 1], [Math.Log(4)]);
        Close(Run(() => tf.reduce_logsumexp(tf.constant(new[] { double.NegativeInfinity, double.NegativeInfinity }))), DType.Float64, [], [double.NegativeInfinity]);
        Close(Run(() => tf.reduce_logsumexp(tf.constant(new[] { double.PositiveInfinity, 1.0 }))), DType.Float64, [], [double.PositiveInfinity]);
    }

    [Fact]
    public void Reduce_logsumexp_gradient_is_the_softmax()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(new[] { 0.0, Math.Log(3) });
            var dx = tf.gradients(tf.reduce_logsumexp(x), [x])[0]!;
            using var sess = new Session(g);
            Close(sess.Run(dx), DType.Float64, [2], [0.25, 0.75]);
        }
    }

    [Fact]
    public void Norm_computes_vector_norms()
    {
        var v = new[] { 3.0, -4.0 };
        Close(Run(() => tf.norm(tf.constant(v))), DType.Float64, [], [5]);
        Close(Run(() => tf.norm(tf.constant(v), ord: 1)), DType.Float64, [], [7]);
        Close(Run(() => tf.norm(tf.constant(v), ord: 2)), DType.Float64, [], [5]);
        Close(Run(() => tf.norm(tf.constant(v), ord: double.PositiveInfinity)), DType.Float64, [], [4]);
        Close(Run(() => tf.norm(tf.constant(v), ord: 3)), DType.Float64, [], [4.4979414452754160]); // 91^(1/3)
        Close(Run(() => tf.norm(tf.constant(new[,] { { 3f, 4f }, { 6f, 8f } }), "euclidean", 1, keepdims: true)), DType.Float32, [2, 1], [5, 10]);
        Close(Run(() => tf.norm(tf.constant(new[,] { { 1.0, 2.0 }, { 2.0, 4.0 } }))), DType.Float64, [], [5]); // Frobenius
    }

    [Fact]
    public void Reduce_variance_and_std_are_population_moments()
    {
        Close(Run(() => tf.math.reduce_variance(tf.constant(new[] { 1.0, 2, 3, 4 }))), DType.Float64, [], [1.25]);
        Close(Run(() => tf.math.reduce_std(tf.constant(new[] { 1.0, 2, 3, 4 }))), DType.Float64, [], [1.1180339887498949]);
        Close(Run(() => tf.math.reduce_variance(tf.constant(new[,] { { 1f, 3f }, { 2f, 2f } }), 1, keepdims: true)), DType.Float32, [2, 1], [1, 0]);
    }

    [Fact]
    public void Count_nonzero_counts_over_axes()
    {
        var x = new[,] { { 0, 1, 2 }, { 0, 0, 3 } };
        Close(Run(() => tf.count_nonzero(tf.constant(x))), DType.Int64, [], [3]);
        Close(Run(() => tf.count_nonzero(tf.constant(x), [1])), DType.Int64, [2], [2, 1]);
        Close(Run(() => tf.count_nonzero(tf.constant(new[] { 0.0, 0.5 }), dtype: tf.int32)), DType.Int32, [], [1]);
        Close(Run(() => tf.count_nonzero(tf.constant(new[] { true, false, true }))), DType.Int64, [], [2]);
    }

    [Fact]
    public void Confusion_matrix_counts_label_prediction_pairs()
    {
        // TF's documented example: labels [1, 2, 4], predictions [2, 2, 4] -> 5 x 5 with ones at (1,2), (2,2), (4,4).
        var cm = Run(() => tf.math.confusion_matrix(tf.constant(new[] { 1, 2, 4 }), tf.constant(new[] { 2, 2, 4 })));
        var expected = new double[25];
        expected[(1 * 5) + 2] = 1;
        expected[(2 * 5) + 2] = 1;
        expected[(4 * 5) + 4] = 1;
        Close(cm, DType.Int32, [5, 5], expected);
        var weighted = Run(() => tf.confusion_matrix(tf.constant(new[] { 0L, 1, 1 }), tf.constant(new[] { 0L, 1, 0 }), num_classes: 3,
            weights: tf.constant(new[] { 0.5, 2, 3 }), dtype: tf.float64));
        Close(weighted, DType.Float64, [3, 3], [0.5, 0, 0, 3, 2, 0, 0, 0, 0]);
    }

    [Fact]
    public void Confusion_matrix_rejects_constant_labels_out_of_range()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Throws<InvalidArgumentException>(() => tf.confusion_matrix(tf.constant(new[] { 0, 3 }), tf.constant(new[] { 0, 1 }), num_classes: 3));
        }
    }

    [Fact]
    public void Clip_by_norm_scales_only_when_the_norm_exceeds_the_bound()
    {
        Close(Run(() => tf.clip_by_norm(tf.constant(new[] { 3.0, 4.0 }), 2.5)), DType.Float64, [2], [1.5, 2]);
        Close(Run(() => tf.clip_by_norm(tf.constant(new[] { 3.0, 4.0 }), 10.0)), DType.Float64, [2], [3, 4]);
        Close(Run(() => tf.clip_by_norm(tf.constant(new[,] { { 3f, 4f }, { 0.3f, 0.4f } }), 1.0, axes: [1])), DType.Float32, [2, 2], [0.6, 0.8, 0.3, 0.4]);
        var g = new Graph();
        using (g.AsDefault())
        {
            var zero = tf.constant(new[] { 0.0, 0.0 });
            var clipped = tf.clip_by_norm(zero, 1.0);
            var grad = tf.gradients(clipped, [zero])[0]!;
            using var sess = new Session(g);
            Close(sess.Run(clipped), DType.Float64, [2], [0, 0]);
            Close(sess.Run(grad), DType.Float64, [2], [1, 1]); // finite at a zero norm
        }
    }

    [Fact]
    public void Clip_by_global_norm_scales_the_whole_list()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tensor?[] list = [tf.constant(new[] { 3.0, 4.0 }), null, tf.constant(new[,] { { 12.0 } })];
            var (clipped, norm) = tf.clip_by_global_norm(list, 6.5); // global norm √(9 + 16 + 144) = 13, scale 1/2
            var (same, _) = tf.clip_by_global_norm(list, 20.0);
            using var sess = new Session(g);
            Close(sess.Run(norm), DType.Float64, [], [13]);
            Close(sess.Run(clipped[0]!), DType.Float64, [2], [1.5, 2]);
            Assert.Null(clipped[1]);
            Close(sess.Run(clipped[2]!), DType.Float64, [1, 1], [6]);
            Close(sess.Run(same[0]!), DType.Float64, [2], [3, 4]);
            Close(sess.Run(tf.global_norm(list)), DType.Float64, [], [13]);
        }
    }

    // ---- random ----

    private static double[] ShuffleOnce(int? graphSeed, int seed, int runs = 1)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            if (graphSeed is int gs)
            {
                tf.set_random_seed(gs);
            }

            var rows = Enumerable.Range(0, 20).Select(i => new[] { i, 10.0 * i }).ToArray();
            var x = tf.constant(NDArray.FromArray(rows.SelectMany(r => r).ToArray(), 20, 2));
            var y = tf.random_shuffle(x, seed: seed);
            using var sess = new Session(g);
            NDArray last = sess.Run(y);
            for (int i = 1; i < runs; i++)
            {
                last = sess.Run(y);
            }

            Assert.Equal([20, 2], last.Shape.ToArray());
            return Values(last);
        }
    }

    [Fact]
    public void Random_shuffle_permutes_rows_and_repeats_with_a_seed()
    {
        var a = ShuffleOnce(1, 7);
        var firsts = Enumerable.Range(0, 20).Select(i => a[2 * i]).ToArray();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (double)i), firsts.Order());
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(10 * a[2 * i], a[(2 * i) + 1])); // rows move whole
        Assert.NotEqual(Enumerable.Range(0, 20).Select(i => (double)i), firsts);
        Assert.Equal(a, ShuffleOnce(1, 7));
        Assert.NotEqual(a, ShuffleOnce(1, 7, runs: 2)); // each run draws a new permutation
    }

    [Fact]
    public void Random_shuffle_of_a_scalar_and_of_an_empty_tensor_copies_it()
    {
        Close(Run(() => tf.random.shuffle(tf.constant(5.0), seed: 1)), DType.Float64, [], [5]);
        Close(Run(() => tf.random_shuffle(tf.constant(new double[0, 3]), seed: 1)), DType.Float64, [0, 3], []);
    }

    [Fact]
    public void Multinomial_frequencies_match_the_softmax()
    {
        const int n = 10_000;
        var s = Run(() =>
        {
            tf.set_random_seed(3);
            return tf.multinomial(tf.constant(new[,] { { 0.0, Math.Log(2), Math.Log(4) }, { 0.0, double.NegativeInfinity, 0.0 } }), n);
        });
        Assert.Equal(DType.Int64, s.DType);
        Assert.Equal([2, n], s.Shape.ToArray());
        var v = s.ToArray<long>();
        double[] expected = [1 / 7.0, 2 / 7.0, 4 / 7.0];
        for (int k = 0; k < 3; k++)
        {
            double freq = v.Take(n).Count(c => c == k) / (double)n;
            Assert.InRange(freq, expected[k] - 0.02, expected[k] + 0.02); // standard error < 0.005
        }

        Assert.DoesNotContain(v.Skip(n), c => c == 1); // a -inf logit is never drawn
        Assert.InRange(v.Skip(n).Count(c => c == 0) / (double)n, 0.48, 0.52);
    }

    [Fact]
    public void Categorical_takes_an_output_dtype_and_repeats_with_seeds()
    {
        NDArray Draw() => Run(() =>
        {
            tf.set_random_seed(5);
            return tf.random.categorical(tf.constant(new[,] { { 1f, 2f, 3f } }), 50, dtype: tf.int32, seed: 2);
        });
        var a = Draw();
        Assert.Equal(DType.Int32, a.DType);
        Assert.Equal([1, 50], a.Shape.ToArray());
        Assert.All(a.ToArray<int>(), c => Assert.InRange(c, 0, 2));
        Assert.Equal(a.ToArray<int>(), Draw().ToArray<int>());
    }

    [Fact]
    public void Random_aliases_forward_to_the_top_level_samplers()
    {
        var x = Values(Run(() => tf.random.uniform([1000], minval: 2, maxval: 3, seed: 1)));
        Assert.All(x, v => Assert.InRange(v, 2, 3));
        Assert.Equal([10], Run(() => tf.random.normal([10], seed: 1)).Shape.ToArray());
        Assert.All(Values(Run(() => tf.random.truncated_normal([1000], seed: 1))), v => Assert.InRange(v, -2, 2));
    }

    // ---- cosine decay ----

    [Fact]
    public void Cosine_decay_follows_half_a_cosine_to_alpha()
    {
        double At(long step, double alpha) => Values(Run(() => tf.train.cosine_decay(2.0, tf.constant(step), 10, alpha: alpha)))[0];
        Assert.Equal(2.0, At(0, 0), 6);
        Assert.Equal(1.0, At(5, 0), 6);                       // 2 · ½(1 + cos(π/2))
        Assert.Equal(1.1, At(5, 0.1), 6);                     // 2 · (0.9 · 0.5 + 0.1)
        Assert.Equal(2 * 0.5 * (1 + 0.80901699437494742), At(2, 0), 6); // cos(π/5)
        Assert.Equal(0.2, At(20, 0.1), 6);                    // past decay_steps: lr · alpha
    }
}
