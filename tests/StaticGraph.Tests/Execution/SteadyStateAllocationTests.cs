namespace StaticGraph.Tests.Execution;

/// <summary>A steady-state <c>Session.Run</c> allocates nothing but its fetched outputs: the plan, its frame, its
/// buffers and every kernel's bookkeeping are reused. Bytes are counted on the calling thread (kernels that split
/// work with Parallel.For may allocate on worker threads); this measures memory, never time.</summary>
public class SteadyStateAllocationTests
{
    /// <summary>Bytes the calling thread allocates in one <paramref name="run"/>, after warm-up runs; the minimum over
    /// a few runs, so a one-off allocation elsewhere in the runtime (a tiered-JIT stub) does not count.</summary>
    internal static long AllocatedBytesPerRun(Action run)
    {
        for (int i = 0; i < 5; i++)
        {
            run();
        }

        long best = long.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return best;
    }

    /// <summary>The bytes of a fetched scalar's clone (object header, shape reference, buffer) plus the results
    /// array: a generous ceiling for "only the fetches".</summary>
    private const long ScalarFetchBudget = 256;

    /// <summary>What a training step may allocate today besides its fetches: the closures the GEMM and conv kernels
    /// hand to the worker pool, and a few scalar temporaries in Mean, OnesLike, MaxPool and the Apply* kernels (the
    /// MLP step measured 1800 bytes and the CNN step 2496). The history: 6008 / 4920 bytes before the allocation-free
    /// plan lookup, feed resolution and shape reuse, 5160 / 3144 before the worker pool replaced Parallel.For. A
    /// regression past this ceiling means per-node allocations crept back onto the hot path.</summary>
    private const long TrainingStepBudget = 2560;

    [Fact]
    public void An_MLP_training_step_allocates_no_more_than_its_kernels_thread_dispatch()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 784], name: "x");
            var y = tf.placeholder(tf.int64, [-1], name: "y");
            var h = tf.layers.dense(x, 256, activation: tf.nn.relu, name: "hidden");
            var logits = tf.layers.dense(h, 10, name: "logits");
            var loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: y, logits: logits));
            var train = tf.train.GradientDescentOptimizer(0.1).Minimize(loss);
            var rng = new Random(1);
            var feed = new FeedDict
            {
                [x] = NDArray.FromArray(Enumerable.Range(0, 128 * 784).Select(_ => (float)rng.NextDouble()).ToArray(), 128, 784),
                [y] = NDArray.FromArray(Enumerable.Range(0, 128).Select(i => (long)(i % 10)).ToArray(), 128),
            };
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            long bytes = AllocatedBytesPerRun(() => sess.Run((loss, train), feed));
            Assert.True(bytes <= TrainingStepBudget, $"an MLP training step allocated {bytes} bytes");
        }
    }

    [Fact]
    public void A_small_CNN_training_step_allocates_no_more_than_its_kernels_thread_dispatch()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 12, 12, 1], name: "x");
            var y = tf.placeholder(tf.int64, [-1], name: "y");
            var c = tf.layers.conv2d(x, 4, 3, activation: tf.nn.relu, name: "conv");
            var p = tf.layers.max_pooling2d(c, 2, 2);
            var logits = tf.layers.dense(tf.reshape(p, [-1, 5 * 5 * 4]), 10, name: "logits");
            var loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: y, logits: logits));
            var train = tf.train.GradientDescentOptimizer(0.1).Minimize(loss);
            var rng = new Random(2);
            var feed = new FeedDict
            {
                [x] = NDArray.FromArray(Enumerable.Range(0, 8 * 144).Select(_ => (float)rng.NextDouble()).ToArray(), 8, 12, 12, 1),
                [y] = NDArray.FromArray(Enumerable.Range(0, 8).Select(i => (long)(i % 10)).ToArray(), 8),
            };
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            long bytes = AllocatedBytesPerRun(() => sess.Run((loss, train), feed));
            Assert.True(bytes <= TrainingStepBudget, $"a CNN training step allocated {bytes} bytes");
        }
    }

    [Fact]
    public void Fetching_a_large_value_allocates_about_its_own_size()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.placeholder(tf.float32, [1023]);
            var y = tf.nn.relu((a * a) + 1f);
            var feed = new FeedDict { [a] = NDArray.FromArray(new float[1023], 1023) };
            using var sess = new Session(g);
            long bytes = AllocatedBytesPerRun(() => sess.Run(y, feed));
            Assert.InRange(bytes, 1023 * 4, (1023 * 4) + ScalarFetchBudget);
        }
    }
}
