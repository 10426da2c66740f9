namespace StaticGraph.Tests.Ops;

/// <summary>Loop gradients read their forward values from TensorList accumulators that a session reuses run after
/// run; nested loops keep one inner accumulator per outer iteration alive at once. Each case is checked against the
/// same computation unrolled into plain ops, over several runs whose values and trip counts change.</summary>
public class ControlFlowAccumulatorTests
{
    // inner(u, j) applies u = tanh(u * x + j) three times; the outer loop runs it n times on o, then scales by x.
    private static Tensor Inner(Tensor u, Tensor x, Tensor j) =>
        tf.while_loop(i => i[0] < 3, i => [i[0] + 1, tf.tanh((i[1] * x) + j)], [tf.constant(0), u])[1];

    private static Tensor Nested(Tensor x, Tensor n) =>
        tf.while_loop(o => o[0] < n, o => [o[0] + 1, Inner(o[1], x, tf.cast(o[0], tf.float64)) * x],
            [tf.constant(0), tf.ones_like(x)])[1];

    private static Tensor Unrolled(Tensor x, int n)
    {
        var o = tf.ones_like(x);
        for (int j = 0; j < n; j++)
        {
            var u = o;
            for (int i = 0; i < 3; i++)
            {
                u = tf.tanh((u * x) + tf.constant((double)j));
            }

            o = u * x;
        }

        return o;
    }

    [Fact]
    public void A_loop_inside_a_loop_differentiates_like_its_unrolled_form_run_after_run()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float64, [2]);
            var n = tf.placeholder(tf.int32, []);
            var y = tf.reduce_sum(Nested(x, n) * tf.constant(new[] { 1.0, -2.0 }));
            var dx = tf.gradients(y, [x])[0]!;
            using var sess = new Session(g);
            foreach (var (nv, xv) in new[] { (2, new[] { 0.3, -0.7 }), (3, new[] { 0.9, 0.2 }), (1, new[] { -0.4, 0.6 }), (3, new[] { 0.5, 0.8 }) })
            {
                var ry = tf.reduce_sum(Unrolled(x, nv) * tf.constant(new[] { 1.0, -2.0 }));
                var rdx = tf.gradients(ry, [x])[0]!;
                var feed = new FeedDict { [x] = NDArray.FromArray(xv, 2), [n] = nv };
                var (yv, dv) = sess.Run((y, dx), feed);
                var (ryv, rdv) = sess.Run((ry, rdx), feed);
                Assert.Equal(ryv.Item<double>(), yv.Item<double>(), 1e-12);
                Assert.Equal(rdv.ToArray<double>()[0], dv.ToArray<double>()[0], 1e-12);
                Assert.Equal(rdv.ToArray<double>()[1], dv.ToArray<double>()[1], 1e-12);
            }
        }
    }

    [Fact]
    public void A_training_step_with_nested_loops_matches_its_unrolled_form_step_after_step()
    {
        // Two variables trained side by side, one through the loops and one through the unrolled ops: every step
        // reuses the accumulators of the one before, and the two must stay equal.
        var g = new Graph();
        using (g.AsDefault())
        {
            var init = tf.constant(new[] { 0.6, -0.3 });
            var looped = tf.Variable(init, name: "looped");
            var unrolled = tf.Variable(init, name: "unrolled");
            var n = tf.constant(2);
            var lossLooped = tf.reduce_sum(tf.square(Nested(looped, n) - 0.5));
            var lossUnrolled = tf.reduce_sum(tf.square(Unrolled(unrolled, 2) - 0.5));
            var train = tf.train.GradientDescentOptimizer(0.3).Minimize(lossLooped + lossUnrolled);
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            for (int step = 0; step < 4; step++)
            {
                var (a, b, _) = sess.Run((lossLooped, lossUnrolled, train));
                Assert.Equal(b.Item<double>(), a.Item<double>(), 1e-12);
            }

            var (wl, wu) = sess.Run((looped.Value, unrolled.Value));
            Assert.Equal(wu.ToArray<double>()[0], wl.ToArray<double>()[0], 1e-12);
            Assert.Equal(wu.ToArray<double>()[1], wl.ToArray<double>()[1], 1e-12);
            Assert.NotEqual(0.6, wl.ToArray<double>()[0]); // it trained
        }
    }

    [Fact]
    public void A_loop_gradient_stays_right_when_the_trip_count_grows_and_shrinks_between_runs()
    {
        // y = x^(2^n) by repeated squaring: dy/dx = 2^n x^(2^n - 1); the accumulator holds n values.
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float64, []);
            var n = tf.placeholder(tf.int32, []);
            var r = tf.while_loop(v => v[0] < n, v => [v[0] + 1, v[1] * v[1]], [tf.constant(0), x]);
            var dx = tf.gradients(r[1], [x])[0]!;
            using var sess = new Session(g);
            foreach (var (nv, xv) in new[] { (2, 1.1), (4, 0.9), (1, 1.3), (3, 1.05), (3, 0.8) })
            {
                double p = Math.Pow(2, nv);
                var d = sess.Run(dx, new FeedDict { [x] = xv, [n] = nv });
                Assert.Equal(p * Math.Pow(xv, p - 1), d.Item<double>(), 1e-9);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_loop_gradient_carries_only_the_loop_inputs_the_requested_gradients_need(bool alsoX)
    {
        // acc += x * w, three times: d acc/dw = 3x, d acc/dx = 3w. Asked for dw only, the gradient loop carries no
        // gradient for x (a loop input the result reads, but that no requested gradient flows through).
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float64, []);
            var w = tf.placeholder(tf.float64, []);
            var r = tf.while_loop(v => v[0] < 3, v => [v[0] + 1, v[1] + (x * w)], [tf.constant(0), tf.constant(0.0)]);
            var grads = tf.gradients(r[1], alsoX ? [w, x] : [w]);
            var gradLoop = g.Operations.Single(op => op.Type.EndsWith("While", StringComparison.Ordinal) && op.Name.EndsWith("/while_grad", StringComparison.Ordinal));
            // Float loop variables: d acc, d w and d x when asked for, then the captured x and w (Mul's gradient
            // rule reads both whichever input it is asked about).
            int floats = gradLoop.GetAttr<DType[]>("T").Count(t => t == tf.float64);
            using var sess = new Session(g);
            var feed = new FeedDict { [x] = 1.5, [w] = -2.0 };
            Assert.Equal(4.5, sess.Run(grads[0]!, feed).Item<double>(), 1e-12);
            if (alsoX)
            {
                Assert.Equal(-6.0, sess.Run(grads[1]!, feed).Item<double>(), 1e-12);
            }

            Assert.Equal(alsoX ? 5 : 4, floats);
        }
    }

    [Fact]
    public void Operand_shapes_come_from_the_accumulated_operands_and_follow_the_batch_size()
    {
        // h = h * tanh(h * w + x) three times, with the batch dimension unknown statically, so each Mul's gradient
        // reduces with the run-time shapes of its operands. Those operands are accumulated for the gradient anyway;
        // their shapes are read from the popped values (or, for the invariant w, from the loop's input) instead of
        // getting accumulators of their own, and must follow the batch size from run to run.
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float64, [-1, 3]);
            var w = tf.placeholder(tf.float64, [-1, 3]);
            Tensor Step(Tensor h) => h * tf.tanh((h * w) + x);
            var looped = tf.while_loop(v => v[0] < 3, v => [v[0] + 1, Step(v[1])], [tf.constant(0), x])[1];
            var unrolled = Step(Step(Step(x)));
            var weights = tf.constant(new[] { 1.0, -2.0, 0.5 });
            var grads = tf.gradients(tf.reduce_sum(looped * weights), [x, w]);
            var expected = tf.gradients(tf.reduce_sum(unrolled * weights), [x, w]);
            var lists = g.Operations.Where(op => op.Type == "EmptyTensorList").Select(op => op.GetAttr<DType>("element_dtype")).ToArray();
            // Accumulated: h and t = tanh(h·w + x), the outer Mul's operands (t is also what Tanh's gradient reads; the
            // inner Mul's other operand is w), plus one shape: that of h·w, an operand of the Add, whose gradient reads
            // no values. The Muls' operand shapes and that of the invariant x come without lists (six int32 lists before).
            Assert.Equal(1, lists.Count(dtype => dtype == tf.int32));
            Assert.Equal(2, lists.Count(dtype => dtype == tf.float64));

            using var sess = new Session(g);
            var random = new Random(7);
            foreach (int batch in new[] { 2, 5, 1, 4 })
            {
                NDArray Draw() => NDArray.FromArray(Enumerable.Range(0, batch * 3).Select(_ => random.NextDouble() - 0.5).ToArray(), batch, 3);
                var feed = new FeedDict { [x] = Draw(), [w] = Draw() };
                var (dx, dw) = sess.Run((grads[0]!, grads[1]!), feed);
                var (ex, ew) = sess.Run((expected[0]!, expected[1]!), feed);
                Assert.Equal(new[] { batch, 3 }, dx.Shape.ToArray());
                Assert.Equal(ex.ToArray<double>(), dx.ToArray<double>(), (a, b) => Math.Abs(a - b) < 1e-12);
                Assert.Equal(ew.ToArray<double>(), dw.ToArray<double>(), (a, b) => Math.Abs(a - b) < 1e-12);
            }
        }
    }
}
