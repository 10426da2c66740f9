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
}
