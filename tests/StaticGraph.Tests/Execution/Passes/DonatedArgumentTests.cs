using StaticGraph.Execution;
using StaticGraph.Execution.Passes;

namespace StaticGraph.Tests.Execution.Passes;

/// <summary>Donated arguments (<see cref="PlanGraph.Donated"/>): a plan may write a step's output over a fed value
/// the caller hands over, and a While loop uses that to update a carried tensor in place. Every case compares with
/// the plain plan and checks the caller's own arrays are never written.</summary>
public class DonatedArgumentTests
{
    [Fact]
    public void A_donated_feed_is_overwritten_in_place_only_where_it_dies_and_is_not_fetched()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [3, 2]);
            var y = tf.tensor_scatter_nd_add(x, tf.constant(NDArray.FromArray(new[] { 1 }, 1, 1)), tf.constant(new[,] { { 10f, 20f } }));
            var state = new SessionState();
            var donated = Compiler.Compile(g, [y], [], [x], state, donated: [x]);
            var kept = Compiler.Compile(g, [y, x], [], [x], state, donated: [x]);
            var plain = Compiler.Compile(g, [y], [], [x], state);
            Assert.True(donated.Overwritten[donated.FeedValues[x]]);
            Assert.False(kept.Overwritten[kept.FeedValues[x]]);
            Assert.False(plain.Overwritten[plain.FeedValues[x]]);

            var input = NDArray.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 2);
            var frame = donated.RentFrame();
            frame.Values[donated.FeedValues[x]] = input;
            Session.Execute(donated, frame);
            var result = frame.Values[donated.FetchValues[0]]!;
            Assert.Same(input, result);
            Assert.Equal([1, 2, 13, 24, 5, 6], input.ToArray<float>());
        }
    }

    [Theory]
    [InlineData((int)PlanPasses.None)]
    [InlineData((int)PlanPasses.All)]
    public void A_loop_writing_one_row_per_iteration_leaves_its_initial_value_untouched_and_matches_the_plain_plan(int passBits)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var start = tf.placeholder(tf.float64, [4, 3]);
            var w = tf.placeholder(tf.float64, [3]);
            var r = tf.while_loop(v => v[0] < 4, v =>
            {
                var row = tf.reshape(v[0], tf.constant(new[] { 1, 1 }));
                var update = tf.expand_dims((v[2] * w) + tf.cast(v[0], tf.float64), 0);
                return [v[0] + 1, tf.tensor_scatter_nd_add(v[1], row, update), v[2] * 0.5];
            }, [tf.constant(0), start, tf.ones_like(w)]);
            var loss = tf.reduce_sum(r[1] * r[1]);
            var grads = tf.gradients(loss, [start, w]);

            var startValue = NDArray.FromArray(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), 4, 3);
            var wValue = NDArray.FromArray(new[] { 1.0, -2.0, 0.5 }, 3);
            var before = startValue.ToArray<double>();
            using var sess = new Session(g);
            sess.State.Passes = (PlanPasses)passBits;
            var feed = new FeedDict { [start] = startValue, [w] = wValue };
            sess.Run(r[1], feed);
            var rows = sess.Run(r[1], feed).ToArray<double>();
            var dw = sess.Run(grads[1]!, feed).ToArray<double>();
            var dstart = sess.Run(grads[0]!, feed).ToArray<double>();
            Assert.Equal(before, startValue.ToArray<double>());

            // Row t = start[t] + 0.5^t · w + t.
            var expected = Enumerable.Range(0, 12).Select(i => i + (Math.Pow(0.5, i / 3) * wValue.ToArray<double>()[i % 3]) + (i / 3)).ToArray();
            Near(expected, rows);
            Near(expected.Select(e => 2 * e).ToArray(), dstart);
            var dwExpected = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, 4).Sum(t => 2 * expected[(t * 3) + j] * Math.Pow(0.5, t))).ToArray();
            Near(dwExpected, dw);
        }
    }

    private static void Near(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }
}
