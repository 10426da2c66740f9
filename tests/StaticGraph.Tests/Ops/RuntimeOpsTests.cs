namespace StaticGraph.Tests.Ops;

public class RuntimeOpsTests
{
    [Fact]
    public void Assert_passes_or_fails_the_run_with_the_data()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [2], name: "x");
            var check = tf.Assert(tf.reduce_all(x > 0), [x]);
            Tensor y;
            using (tf.control_dependencies([check]))
            {
                y = tf.identity(x * 2);
            }

            using var sess = new Session(g);
            Assert.Equal(new[] { 2f, 4f }, sess.Run(y, new FeedDict { [x] = new[] { 1f, 2f } }).ToArray<float>());
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(y, new FeedDict { [x] = new[] { 1f, -2f } }));
            Assert.Contains("assertion failed: [1. -2.]", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Print_passes_its_input_through_and_its_gradient_back()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float64, [2]);
            var p = tf.Print(x, [x], message: "x = ", first_n: 0);
            var dx = tf.gradients(tf.reduce_sum(p * p), x)[0]!;
            using var sess = new Session(g);
            var feed = new FeedDict { [x] = new[] { 1.0, -3.0 } };
            Assert.Equal(new[] { 1.0, -3.0 }, sess.Run(p, feed).ToArray<double>());
            Assert.Equal(new[] { 2.0, -6.0 }, sess.Run(dx, feed).ToArray<double>());
        }
    }

    [Fact]
    public void Is_variable_initialized_reflects_the_session()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.zeros([2]), name: "v");
            var initialized = tf.is_variable_initialized(v);
            using var sess = new Session(g);
            Assert.False((bool)sess.Run(initialized));
            sess.Run(v.Initializer);
            Assert.True((bool)sess.Run(initialized));
        }
    }

    [Fact]
    public void Dynamic_stitch_merges_by_index_and_later_pairs_win()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var merged = tf.dynamic_stitch([tf.constant(new[] { 0, 2 }), tf.constant(new[] { 1, 2 })],
                [tf.constant(new[] { 10f, 20f }), tf.constant(new[] { 30f, 40f })]);
            Assert.Equal(new Shape(3), merged.Shape);
            using var sess = new Session(g);
            Assert.Equal(new[] { 10f, 30f, 40f }, sess.Run(merged).ToArray<float>());
        }
    }
}
