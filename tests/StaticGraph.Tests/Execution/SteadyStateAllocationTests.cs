namespace StaticGraph.Tests.Execution;

/// <summary>A steady-state <c>Session.Run</c> allocates nothing but its fetched outputs: the plan, its frame, its
/// buffers and every kernel's bookkeeping are reused, and kernels hand the worker pool struct jobs. Bytes are counted
/// on the calling thread (tests running in parallel allocate on theirs), which dispatches every job and runs range 0 of
/// each, the same code the pool's workers run; this measures memory, never time.</summary>
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

    [Fact]
    public void An_MLP_training_step_allocates_only_its_fetched_loss()
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
            Assert.True(bytes <= ScalarFetchBudget, $"an MLP training step allocated {bytes} bytes");
        }
    }

    [Fact]
    public void A_small_CNN_training_step_allocates_only_its_fetched_loss()
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
            Assert.True(bytes <= ScalarFetchBudget, $"a CNN training step allocated {bytes} bytes");
        }
    }

    [Fact]
    public void A_CNN_step_split_across_two_workers_allocates_only_its_fetched_loss()
    {
        // 32 images of 28x28 through 5x5 convolutions, max-pooling and Adam: every conv, pool and GEMM is large
        // enough to hand jobs to the worker pool (on a machine with two cores or more).
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 28, 28, 1], name: "x");
            var y = tf.placeholder(tf.int64, [-1], name: "y");
            var c1 = tf.layers.max_pooling2d(tf.layers.conv2d(x, 16, 5, padding: "same", activation: tf.nn.relu), 2, 2);
            var c2 = tf.layers.max_pooling2d(tf.layers.conv2d(c1, 32, 5, padding: "same", activation: tf.nn.relu), 2, 2);
            var logits = tf.layers.dense(tf.layers.dense(tf.layers.flatten(c2), 256, activation: tf.nn.relu), 10);
            var loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: y, logits: logits));
            var train = tf.train.AdamOptimizer(1e-3).Minimize(loss);
            var rng = new Random(3);
            var feed = new FeedDict
            {
                [x] = NDArray.FromArray(Enumerable.Range(0, 32 * 784).Select(_ => (float)rng.NextDouble()).ToArray(), 32, 28, 28, 1),
                [y] = NDArray.FromArray(Enumerable.Range(0, 32).Select(i => (long)(i % 10)).ToArray(), 32),
            };
            using var sess = tf.Session(g, new ConfigProto { IntraOpParallelismThreads = 2 });
            sess.Run(tf.global_variables_initializer());
            long bytes = AllocatedBytesPerRun(() => sess.Run((loss, train), feed));
            Assert.True(bytes <= ScalarFetchBudget, $"a two-worker CNN training step allocated {bytes} bytes");
        }
    }

    [Fact]
    public void A_dynamic_rnn_training_step_allocates_only_its_fetched_loss()
    {
        // A forward While loop that fills gradient accumulators, and the gradient While loop that empties them.
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 5, 3], name: "x");
            var y = tf.placeholder(tf.int64, [-1], name: "y");
            var (outputs, _) = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(8), x, dtype: tf.float32);
            var logits = tf.layers.dense(tf.unstack(outputs, 5, axis: 1)[^1], 4, name: "logits");
            var loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: y, logits: logits));
            var train = tf.train.GradientDescentOptimizer(0.1).Minimize(loss);
            var rng = new Random(4);
            var feed = new FeedDict
            {
                [x] = NDArray.FromArray(Enumerable.Range(0, 4 * 5 * 3).Select(_ => (float)rng.NextDouble()).ToArray(), 4, 5, 3),
                [y] = NDArray.FromArray(Enumerable.Range(0, 4).Select(i => (long)(i % 4)).ToArray(), 4),
            };
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            long bytes = AllocatedBytesPerRun(() => sess.Run((loss, train), feed));
            Assert.True(bytes <= ScalarFetchBudget, $"a dynamic_rnn training step allocated {bytes} bytes");
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

    [Fact]
    public void A_fetched_megabyte_buffer_is_handed_over_and_later_runs_never_write_into_it()
    {
        const int n = 300_000; // 1.2 MB of floats: the plan hands its buffer over instead of copying it
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.placeholder(tf.float32, [n]);
            var y = tf.nn.relu((a * a) + 1f);
            using var sess = new Session(g);
            NDArray Feed(float v) => NDArray.FromArray(Enumerable.Repeat(v, n).ToArray(), n);
            var first = sess.Run(y, new FeedDict { [a] = Feed(2f) });
            var second = sess.Run(y, new FeedDict { [a] = Feed(3f) });
            var both = sess.Run([y, y], new FeedDict { [a] = Feed(1f) });
            Assert.All(first.ToArray<float>(), v => Assert.Equal(5f, v));
            Assert.All(second.ToArray<float>(), v => Assert.Equal(10f, v));
            Assert.All(both[0].ToArray<float>(), v => Assert.Equal(2f, v));
            Assert.NotSame(both[0], both[1]);
            Assert.Equal(both[0].ToArray<float>(), both[1].ToArray<float>());
            var feed = new FeedDict { [a] = Feed(1f) };
            long bytes = AllocatedBytesPerRun(() => sess.Run(y, feed));
            Assert.InRange(bytes, n * 4, (n * 4) + ScalarFetchBudget); // the fetched buffer, written once by its kernel
        }
    }

    [Fact]
    public void A_disposed_result_gives_its_buffer_back_so_the_next_run_allocates_only_the_result_object()
    {
        const int n = 300_000;
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.placeholder(tf.float32, [n]);
            var y = tf.nn.relu((a * a) + 1f);
            using var sess = new Session(g);
            var feed = new FeedDict { [a] = NDArray.FromArray(Enumerable.Repeat(2f, n).ToArray(), n) };
            float last = 0;
            long bytes = AllocatedBytesPerRun(() =>
            {
                using var result = sess.Run(y, feed);
                last = result.AsSpan<float>()[n - 1];
            });
            Assert.Equal(5f, last);
            Assert.True(bytes <= ScalarFetchBudget, $"a run whose 1.2 MB result was disposed allocated {bytes} bytes");
        }
    }

    [Fact]
    public void Recycled_buffers_carry_each_run_s_own_result_and_kept_results_are_never_written_again()
    {
        const int n = 300_000;
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.placeholder(tf.float32, [n]);
            var y = tf.nn.relu((a * a) - 1f);
            using var sess = new Session(g);
            NDArray Run(float v) => sess.Run(y, new FeedDict { [a] = NDArray.FromArray(Enumerable.Repeat(v, n).ToArray(), n) });
            var kept = Run(2f);             // 3, held to the end
            for (int k = 3; k < 8; k++)
            {
                var r = Run(k);             // written into the buffer the previous iteration disposed (after the first)
                Assert.All(r.ToArray<float>(), x => Assert.Equal((k * k) - 1f, x));
                r.Dispose();
            }

            var late = Run(1f);             // 0: relu clamps; a value disposed after later runs is just dropped
            var later = Run(0.5f);
            late.Dispose();
            later.Dispose();
            Assert.All(Run(3f).ToArray<float>(), x => Assert.Equal(8f, x));
            Assert.All(kept.ToArray<float>(), x => Assert.Equal(3f, x));
        }
    }

    [Fact]
    public void A_disposed_value_refuses_reads_names_itself_and_may_be_disposed_twice()
    {
        var v = NDArray.FromArray(new[] { 1f, 2f, 3f }, 3);
        v.Dispose();
        v.Dispose();
        Assert.True(v.IsDisposed);
        var e = Assert.Throws<ObjectDisposedException>(() => v.ToArray<float>());
        Assert.Contains("float32 NDArray of shape (3,) was disposed", e.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => v.AsSpan<float>().Length);
        Assert.Throws<ObjectDisposedException>(() => v.Clone());
        Assert.Equal("NDArray(float32, (3,), disposed)", v.ToString());
        Assert.Equal([3], v.Shape.ToArray()); // the metadata stays readable
    }
}
