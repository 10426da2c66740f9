namespace StaticGraph.Tests.Ops;

public class ControlFlowTests
{
    [Theory]
    [InlineData(true, 6f)]
    [InlineData(false, 4f)]
    public void Cond_runs_the_branch_its_predicate_picks(bool pred, float expected)
    {
        using var g = new GraphScope();
        var p = tf.placeholder(tf.@bool, []);
        var x = tf.constant(3f);
        var y = tf.cond(p, () => x * 2, () => x + 1);
        Assert.Equal("StatelessIf", y.Op.Type);
        using var sess = tf.Session();
        Assert.Equal(expected, sess.Run(y, new FeedDict { [p] = pred }).Item<float>());
    }

    [Fact]
    public void Cond_never_runs_the_untaken_branch()
    {
        using var g = new GraphScope();
        var p = tf.placeholder(tf.@bool, []);
        var table = tf.constant(new[] { 10f, 20f });
        var y = tf.cond(p, () => tf.gather(table, tf.constant(1)), () => tf.gather(table, tf.constant(7)));
        using var sess = tf.Session();
        Assert.Equal(20f, sess.Run(y, new FeedDict { [p] = true }).Item<float>());
        Assert.Throws<InvalidArgumentException>(() => sess.Run(y, new FeedDict { [p] = false }));
    }

    [Fact]
    public void Cond_branches_must_agree_on_dtypes()
    {
        using var g = new GraphScope();
        var e = Assert.Throws<GraphException>(() => tf.cond(tf.constant(true), () => tf.constant(1f), () => tf.constant(1)));
        Assert.Contains("float32", e.Message, StringComparison.Ordinal);
        Assert.Contains("int32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cond_gradient_is_the_taken_branch_gradient()
    {
        using var g = new GraphScope();
        var p = tf.placeholder(tf.@bool, []);
        var x = tf.placeholder(tf.float64, []);
        var y = tf.cond(p, () => x * x * x, () => tf.sin(x));
        var dx = tf.gradients(y, [x])[0]!;
        using var sess = tf.Session();
        Assert.Equal(27.0, sess.Run(dx, new FeedDict { [p] = true, [x] = 3.0 }).Item<double>(), 12);
        Assert.Equal(Math.Cos(3.0), sess.Run(dx, new FeedDict { [p] = false, [x] = 3.0 }).Item<double>(), 12);
    }

    [Fact]
    public void While_loop_counts_to_ten()
    {
        using var g = new GraphScope();
        var i = tf.while_loop(v => v < 10, v => v + 1, tf.constant(0));
        using var sess = tf.Session();
        Assert.Equal(10, sess.Run(i).Item<int>());
    }

    [Fact]
    public void While_loop_carries_several_variables_and_captures_outer_tensors()
    {
        using var g = new GraphScope();
        var step = tf.placeholder(tf.float32, []);
        var r = tf.while_loop(v => v[0] < 5, v => [v[0] + 1, v[1] + step], [tf.constant(0), tf.constant(1f)]);
        using var sess = tf.Session();
        Assert.Equal(1f + (5 * 2.5f), sess.Run(r[1], new FeedDict { [step] = 2.5f }).Item<float>());
    }

    [Fact]
    public void While_loop_stops_at_maximum_iterations()
    {
        using var g = new GraphScope();
        var r = tf.while_loop(v => tf.constant(true), v => [v[0] * 2], [tf.constant(1)], maximum_iterations: 6);
        using var sess = tf.Session();
        Assert.Equal(64, sess.Run(r[0]).Item<int>());
    }

    [Fact]
    public void While_loop_swaps_variables_without_corrupting_them()
    {
        using var g = new GraphScope();
        var r = tf.while_loop(v => v[0] < 3, v => [v[0] + 1, v[2], v[1]], [tf.constant(0), tf.constant(new[] { 1f, 2f }), tf.constant(new[] { 3f, 4f })]);
        using var sess = tf.Session();
        var (a, b) = sess.Run((r[1], r[2]));
        Assert.Equal([3f, 4f], a.ToArray<float>());
        Assert.Equal([1f, 2f], b.ToArray<float>());
    }

    [Fact]
    public void While_loop_rejects_a_shape_that_changes_without_an_invariant()
    {
        using var g = new GraphScope();
        var e = Assert.Throws<GraphException>(() => tf.while_loop(v => tf.size(v) < 4, v => tf.concat([v, v], 0), tf.constant(new[] { 1f })));
        Assert.Contains("shape_invariants", e.Message, StringComparison.Ordinal);
        var r = tf.while_loop(v => tf.size(v) < 4, v => tf.concat([v, v], 0), tf.constant(new[] { 1f }), shape_invariants: new Shape(-1));
        using var sess = tf.Session();
        Assert.Equal([1f, 1f, 1f, 1f], sess.Run(r).ToArray<float>());
    }

    [Fact]
    public void While_loop_gradient_of_repeated_squaring_is_eight_x_to_the_seventh()
    {
        using var g = new GraphScope();
        var x = tf.placeholder(tf.float64, []);
        var r = tf.while_loop(v => v[0] < 3, v => [v[0] + 1, v[1] * v[1]], [tf.constant(0), x]);
        var dx = tf.gradients(r[1], [x])[0]!;
        using var sess = tf.Session();
        var (y, d) = sess.Run((r[1], dx), new FeedDict { [x] = 1.1 });
        Assert.Equal(Math.Pow(1.1, 8), y.Item<double>(), 12);
        Assert.Equal(8 * Math.Pow(1.1, 7), d.Item<double>(), 12);
    }

    [Fact]
    public void While_loop_gradient_reaches_captured_tensors()
    {
        // y = x * c^n: dy/dc = n c^(n-1) x, dy/dx = c^n.
        using var g = new GraphScope();
        var x = tf.placeholder(tf.float64, []);
        var c = tf.placeholder(tf.float64, []);
        var r = tf.while_loop(v => v[0] < 4, v => [v[0] + 1, v[1] * c], [tf.constant(0), x]);
        var grads = tf.gradients(r[1], [x, c]);
        using var sess = tf.Session();
        var (dx, dc) = sess.Run((grads[0]!, grads[1]!), new FeedDict { [x] = 2.0, [c] = 1.5 });
        Assert.Equal(Math.Pow(1.5, 4), dx.Item<double>(), 12);
        Assert.Equal(4 * Math.Pow(1.5, 3) * 2.0, dc.Item<double>(), 12);
    }

    [Fact]
    public void Nested_loops_and_a_loop_inside_cond_are_differentiable()
    {
        // inner: v *= x three times; outer runs inner twice: y = x^6 * y0; inside a cond.
        using var g = new GraphScope();
        var x = tf.placeholder(tf.float64, []);
        var p = tf.placeholder(tf.@bool, []);
        Tensor Loops() => tf.while_loop(o => o[0] < 2, o =>
        {
            var inner = tf.while_loop(i => i[0] < 3, i => [i[0] + 1, i[1] * x], [tf.constant(0), o[1]]);
            return [o[0] + 1, inner[1]];
        }, [tf.constant(0), tf.constant(1.0, tf.float64)])[1];
        var y = tf.cond(p, Loops, () => x);
        var dx = tf.gradients(y, [x])[0]!;
        using var sess = tf.Session();
        var (yv, dv) = sess.Run((y, dx), new FeedDict { [x] = 1.2, [p] = true });
        Assert.Equal(Math.Pow(1.2, 6), yv.Item<double>(), 12);
        Assert.Equal(6 * Math.Pow(1.2, 5), dv.Item<double>(), 10);
        Assert.Equal(1.0, sess.Run(dx, new FeedDict { [x] = 1.2, [p] = false }).Item<double>(), 12);
    }

    [Fact]
    public void A_training_step_runs_the_forward_loop_once()
    {
        // The loss and its gradient read one loop: the twin with accumulators replaces the forward op in the plan.
        using var g = new GraphScope();
        var w = tf.Variable(tf.constant(0.5, tf.float64), name: "w");
        var r = tf.while_loop(v => v[0] < 3, v => [v[0] + 1, v[1] * w], [tf.constant(0), tf.constant(2.0, tf.float64)]);
        var loss = tf.square(r[1]);
        var train = tf.train.GradientDescentOptimizer(0.1).Minimize(loss);
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var (l, _) = sess.Run((loss, train));
        Assert.Equal(Math.Pow(2 * 0.125, 2), l.Item<double>(), 12);
        // d loss / dw = 2 * y * 3 * 2 * w^2 = 2 * 0.25 * 6 * 0.25 = 0.75
        Assert.Equal(0.5 - (0.1 * 0.75), sess.Run(w).Item<double>(), 6); // the learning rate is a float32 constant
    }

    [Fact]
    public void A_ten_thousand_iteration_loop_does_not_allocate_per_iteration()
    {
        using var g = new GraphScope();
        var n = tf.placeholder(tf.int32, []);
        var r = tf.while_loop(v => v[0] < n, v => [v[0] + 1, (v[1] * 0.5f) + 1f], [tf.constant(0), tf.zeros([1000])]);
        using var sess = tf.Session();
        sess.Run(r[1], new FeedDict { [n] = 10 });
        long Allocated(int iterations)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            sess.Run(r[1], new FeedDict { [n] = iterations });
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long small = Allocated(10);
        long large = Allocated(10_000);
        // A 1000-float state is 4 KB: allocating it per iteration would cost 40 MB; the loop reuses two frames.
        Assert.True((large - small) / 9_990.0 < 1_000, $"{(large - small) / 9_990.0:F0} bytes per iteration");
        Assert.Equal(2f, sess.Run(r[1], new FeedDict { [n] = 10_000 }).ToArray<float>()[0], 5);
    }

    [Fact]
    public void While_loop_and_cond_carry_tuples_and_lstm_state_tuples()
    {
        using var g = new GraphScope();
        var start = (tf.constant(0), new LSTMStateTuple(tf.constant(1f), tf.constant(2f)));
        var (i, state) = tf.while_loop(v => v.Item1 < 3, v => (v.Item1 + 1, new LSTMStateTuple(v.Item2.c * 2, v.Item2.h + 1)), start);
        var picked = (LSTMStateTuple)tf.cond(i > 2, () => state, () => new LSTMStateTuple(tf.constant(0f), tf.constant(0f)));
        var doubled = (LSTMStateTuple)tf.while_loop(s => ((LSTMStateTuple)s).c < 100f, s => new LSTMStateTuple(((LSTMStateTuple)s).c * 2, ((LSTMStateTuple)s).h), picked);
        using var sess = tf.Session();
        var (c, h) = sess.Run((picked.c, picked.h));
        Assert.Equal(128f, sess.Run(doubled.c).Item<float>());
        Assert.Equal(8f, c.Item<float>());
        Assert.Equal(5f, h.Item<float>());
    }

    [Fact]
    public void Reverse_sequence_reverses_each_rows_prefix()
    {
        using var g = new GraphScope();
        var x = tf.constant(new[,] { { 1f, 2f, 3f }, { 4f, 5f, 6f } });
        var y = StaticGraph.Ops.ManipulationOps.ReverseSequence(x, tf.constant(new long[] { 2, 3 }), 1, 0, null);
        using var sess = tf.Session();
        Assert.Equal([2f, 1f, 3f, 6f, 5f, 4f], sess.Run(y).ToArray<float>());
        var bad = StaticGraph.Ops.ManipulationOps.ReverseSequence(x, tf.constant(new long[] { 4, 0 }), 1, 0, null);
        Assert.Contains("seq_lengths[0] = 4", Assert.Throws<InvalidArgumentException>(() => sess.Run(bad)).Message, StringComparison.Ordinal);
    }

    /// <summary>A fresh default graph for one test.</summary>
    private sealed class GraphScope : IDisposable
    {
        private readonly IDisposable _scope = new Graph().AsDefault();

        public void Dispose() => _scope.Dispose();
    }
}
