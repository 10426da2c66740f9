namespace StaticGraph.Tests.Execution;

/// <summary>ConfigProto.IntraOpParallelismThreads reaches the kernels as the session's thread cap.</summary>
public class IntraOpThreadsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, -1)] // 0 = one per core
    [InlineData(10_000, -1)] // never more than the cores
    public void The_session_caps_kernel_threads_at_the_config_and_the_cores(int configured, int expected)
    {
        using var sess = new Session(new Graph(), new ConfigProto { IntraOpParallelismThreads = configured });
        Assert.Equal(expected > 0 ? expected : Environment.ProcessorCount, sess.State.IntraOpThreads);
    }

    [Fact]
    public void A_large_matmul_gives_the_same_values_on_one_thread_as_on_all_cores()
    {
        var r = new Random(5);
        var a = NDArray.FromArray(Enumerable.Range(0, 200 * 300).Select(_ => (float)r.NextDouble()).ToArray(), 200, 300);
        var b = NDArray.FromArray(Enumerable.Range(0, 300 * 400).Select(_ => (float)r.NextDouble()).ToArray(), 300, 400);
        float[] Run(int threads)
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                var y = tf.matmul(tf.constant(a), tf.constant(b));
                using var sess = new Session(g, new ConfigProto { IntraOpParallelismThreads = threads });
                return sess.Run(y).ToArray<float>();
            }
        }

        Assert.Equal(Run(0), Run(1));
    }

    // Row-split bias kernels and block-split activation gradients: the element rules (a bias per channel, a
    // gradient kept where the feature is positive, per-channel sums), the elementwise ones bit for bit on any thread
    // count.
    [Fact]
    public void Bias_and_activation_gradients_over_large_tensors_match_the_rules_on_any_thread_count()
    {
        var r = new Random(9);
        int n = 321_131 * 5; // 1.6M elements: a tail past whole blocks and vectors
        var x = Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
        var dy = Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
        var bias = Enumerable.Range(0, 5).Select(i => i * 0.25f).ToArray();
        float[][] Run(int threads)
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                var (xs, dys) = (tf.constant(NDArray.FromArray(x, n / 5, 5)), tf.constant(NDArray.FromArray(dy, n / 5, 5)));
                var added = tf.nn.bias_add(xs, tf.constant(bias));
                var summed = StaticGraph.Ops.ConvOps.BiasAddGrad(dys, "NHWC", null);
                var relu = StaticGraph.Ops.NnOps.ReluGrad(dys, xs, null);
                var leaky = StaticGraph.Ops.NnOps.LeakyReluGrad(dys, xs, 0.1, null);
                using var sess = new Session(g, new ConfigProto { IntraOpParallelismThreads = threads });
                return sess.Run([added, summed, relu, leaky]).Select(v => v.ToArray<float>()).ToArray();
            }
        }

        var (one, all) = (Run(1), Run(0));
        foreach (int k in new[] { 0, 2, 3 })
        {
            Assert.Equal(one[k], all[k]);
        }

        Assert.Equal(Enumerable.Range(0, n).Select(i => x[i] + bias[i % 5]), one[0]);
        Assert.Equal(Enumerable.Range(0, n).Select(i => x[i] > 0 ? dy[i] : 0f), one[2]);
        Assert.Equal(Enumerable.Range(0, n).Select(i => x[i] > 0 ? dy[i] : dy[i] * 0.1f), one[3]);
        for (int ch = 0; ch < 5; ch++)
        {
            // Each worker sums its rows, so the float rounding differs with the split.
            double expected = Enumerable.Range(0, n / 5).Sum(i => (double)dy[(i * 5) + ch]);
            Assert.True(Math.Abs(one[1][ch] - expected) < 0.05 && Math.Abs(all[1][ch] - expected) < 0.05, $"channel {ch}: {one[1][ch]}, {all[1][ch]} vs {expected}");
        }
    }

    [Fact]
    public void A_session_capped_at_one_thread_never_splits_a_kernel_and_an_uncapped_one_does()
    {
        // Large enough that every kernel splits when it may: convolution and its backprops, max-pooling and its
        // gradient, depthwise convolution, matmul, and a fused elementwise chain over 2M elements.
        var g = new Graph();
        Tensor loss, fused;
        FeedDict feed;
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 28, 28, 8]);
            var a = tf.placeholder(tf.float32, [-1]);
            var conv = tf.layers.conv2d(x, 16, 5, padding: "same", activation: tf.nn.relu);
            var pool = tf.layers.max_pooling2d(conv, 2, 2);
            var depthwise = tf.nn.depthwise_conv2d(pool, tf.ones([3, 3, 16, 1]), [1, 1, 1, 1], "SAME");
            var dense = tf.layers.dense(tf.layers.flatten(depthwise), 64);
            loss = tf.reduce_mean(tf.square(dense));
            fused = tf.nn.relu((a * a) + 1f);
            var r = new Random(9);
            feed = new FeedDict
            {
                [x] = NDArray.FromArray(Enumerable.Range(0, 32 * 28 * 28 * 8).Select(_ => (float)r.NextDouble()).ToArray(), 32, 28, 28, 8),
                [a] = NDArray.FromArray(new float[1 << 21], 1 << 21),
            };
            var train = tf.train.GradientDescentOptimizer(0.01).Minimize(loss);
            int Splits(int threads)
            {
                using var sess = new Session(g, new ConfigProto { IntraOpParallelismThreads = threads });
                sess.Run(tf.global_variables_initializer());
                int before = StaticGraph.Kernels.Parallelism.SplitsOnThisThread;
                sess.Run((loss, fused, train), feed);
                return StaticGraph.Kernels.Parallelism.SplitsOnThisThread - before;
            }

            Assert.Equal(0, Splits(1));
            if (Environment.ProcessorCount > 1)
            {
                Assert.True(Splits(0) >= 3, "an uncapped session splits its large kernels");
            }
        }
    }

    public static TheoryData<string> Optimizers() =>
        ["sgd", "momentum", "nesterov", "adam", "rmsprop", "centered", "adagrad", "adadelta", "ftrl"];

    // A variable of a million and a few elements: its update splits across the cores (a range per worker) and must
    // leave the variable and every slot bit-identical to the one-thread update, the odd elements past the last
    // whole vector included.
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_large_variable_s_update_split_across_cores_matches_the_one_thread_update_bit_for_bit(string name)
    {
        const int n = (1 << 20) + 7;
        float[][] Train(int threads)
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                var r = new Random(3);
                var w = tf.Variable(tf.constant(NDArray.FromArray(Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray(), n)), name: "w");
                var gradient = tf.placeholder(tf.float32, [n]);
                var feed = new FeedDict { [gradient] = NDArray.FromArray(Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray(), n) };
                Optimizer opt = name switch
                {
                    "sgd" => tf.train.GradientDescentOptimizer(0.1),
                    "momentum" => tf.train.MomentumOptimizer(0.1, 0.9),
                    "nesterov" => tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov: true),
                    "adam" => tf.train.AdamOptimizer(0.01),
                    "rmsprop" => tf.train.RMSPropOptimizer(0.01, momentum: 0.5),
                    "centered" => tf.train.RMSPropOptimizer(0.01, momentum: 0.5, centered: true),
                    "adagrad" => tf.train.AdagradOptimizer(0.1),
                    "adadelta" => tf.train.AdadeltaOptimizer(1.0),
                    _ => tf.train.FtrlOptimizer(0.1, l1_regularization_strength: 0.01, l2_regularization_strength: 0.01),
                };
                var train = opt.ApplyGradients([(gradient, w)]); // the run is the update alone
                using var sess = new Session(g, new ConfigProto { IntraOpParallelismThreads = threads });
                sess.Run(tf.global_variables_initializer());
                int before = StaticGraph.Kernels.Parallelism.SplitsOnThisThread;
                for (int step = 0; step < 3; step++)
                {
                    sess.Run(train, feed);
                }

                int splits = StaticGraph.Kernels.Parallelism.SplitsOnThisThread - before;
                Assert.Equal(threads == 1 || Environment.ProcessorCount == 1 ? 0 : 3, splits);
                return [.. tf.global_variables().Where(v => v.Shape.NumElements == n).Select(v => sess.Run((Tensor)v).ToArray<float>())];
            }
        }

        var (one, two) = (Train(1), Train(2));
        Assert.Equal(one.Length, two.Length);
        Assert.True(one.Length >= 1);
        for (int i = 0; i < one.Length; i++)
        {
            Assert.Equal(one[i], two[i]);
        }
    }
}
