namespace StaticGraph.Tests.Autodiff;

public class GradientsTests
{
    private static (Graph G, Session S) NewGraph() { var g = new Graph(); return (g, new Session(g)); }

    [Fact]
    public void Shared_subexpressions_are_counted_once()
    {
        // ConvNetSharp.Flow returns 81 here; f = 2x^4, so df/dx = 8x^3 = 27 at x = 1.5.
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var x = tf.placeholder(tf.float64, [], name: "x");
            var c = x * x;
            var f = (c * c) + (c * c);
            var dx = tf.gradients(f, x)[0]!;
            Assert.Equal(27.0, (double)sess.Run(dx, new FeedDict { [x] = 1.5 }), 12);
        }
    }

    [Fact]
    public void Gradient_nodes_live_under_the_gradients_name_scope()
    {
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var x = tf.placeholder(tf.float32, [3], name: "x");
            var y = tf.reduce_sum(tf.square(x));
            var dx = tf.gradients(y, x)[0]!;
            Assert.StartsWith("gradients/", dx.Op.Name, StringComparison.Ordinal);
            Assert.NotNull(g.TryGetOperation("gradients/Fill"));
            var second = tf.gradients(y, x)[0]!;
            Assert.StartsWith("gradients_1/", second.Op.Name, StringComparison.Ordinal);
            Assert.Equal(new[] { 2f, 4f, 6f }, sess.Run(dx, new FeedDict { [x] = new[] { 1f, 2f, 3f } }).ToArray<float>());
        }
    }

    [Fact]
    public void Broadcast_gradients_are_summed_to_the_input_shape()
    {
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var x = tf.placeholder(tf.float64, [2, 3]);
            var b = tf.placeholder(tf.float64, [3]);
            var s = tf.placeholder(tf.float64, []);
            var y = tf.reduce_sum((x + b) * s);
            var grads = tf.gradients(y, [x, b, s]);
            var feed = new FeedDict { [x] = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, [b] = new double[] { 1, 1, 1 }, [s] = 2.0 };
            Assert.Equal(new double[] { 2, 2, 2, 2, 2, 2 }, sess.Run(grads[0]!, feed).ToArray<double>());
            Assert.Equal(new double[] { 4, 4, 4 }, sess.Run(grads[1]!, feed).ToArray<double>());
            Assert.Equal(27.0, (double)sess.Run(grads[2]!, feed)); // sum(x + b) = 21 + 6
        }
    }

    [Fact]
    public void Broadcast_gradients_with_unknown_dims_are_reduced_at_run_time()
    {
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var x = tf.placeholder(tf.float32, [-1, -1]);
            var b = tf.placeholder(tf.float32, [-1]);
            var y = tf.reduce_sum(x * b);
            var db = tf.gradients(y, b)[0]!;
            var feed = new FeedDict { [x] = new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, [b] = new float[] { 7, 8 } };
            Assert.Equal(new float[] { 9, 12 }, sess.Run(db, feed).ToArray<float>());
        }
    }

    [Fact]
    public void Unconnected_xs_give_null_or_zeros()
    {
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var x = tf.placeholder(tf.float32, [2]);
            var z = tf.placeholder(tf.float32, [2]);
            var y = tf.reduce_sum(x * 3);
            Assert.Null(tf.gradients(y, [x, z])[1]);
            var zero = tf.gradients(y, [z], unconnected_gradients: UnconnectedGradients.Zero)[0]!;
            Assert.Equal(new float[] { 0, 0 }, sess.Run(zero, new FeedDict { [z] = new float[] { 5, 6 } }).ToArray<float>());
        }
    }

    [Fact]
    public void Stop_gradient_and_stop_gradients_block_flow()
    {
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var x = tf.placeholder(tf.float64, []);
            var h = x * x;
            var y = h + tf.stop_gradient(h) + x;
            var feed = new FeedDict { [x] = 3.0 };
            Assert.Equal(7.0, (double)sess.Run(tf.gradients(y, x)[0]!, feed));           // 2x + 1
            Assert.Equal(1.0, (double)sess.Run(tf.gradients(y, x, stop_gradients: [h])[0]!, feed));
            Assert.Equal(1.0, (double)sess.Run(tf.gradients(y, h)[0]!, feed));            // the stopped use adds nothing
        }
    }

    [Fact]
    public void Integer_paths_carry_no_gradient()
    {
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var x = tf.placeholder(tf.float32, [2]);
            var y = tf.reduce_sum(tf.cast(tf.cast(x, tf.int32), tf.float32));
            Assert.Null(tf.gradients(y, x)[0]);
        }
    }

    [Fact]
    public void Second_order_gradient_of_cube_is_6x()
    {
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var x = tf.placeholder(tf.float64, []);
            var y = x * x * x;
            var d1 = tf.gradients(y, x)[0]!;
            var d2 = tf.gradients(d1, x)[0]!;
            Assert.Equal(12.0, (double)sess.Run(d2, new FeedDict { [x] = 2.0 }), 12);
        }
    }

    [Fact]
    public void Linear_regression_fits_with_gradients_and_AssignSub()
    {
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var xs = Enumerable.Range(0, 20).Select(i => i / 10.0f).ToArray();
            var ys = xs.Select(v => (0.5f * v) + 2).ToArray();
            var x = tf.placeholder(tf.float32, [-1]);
            var y = tf.placeholder(tf.float32, [-1]);
            var w = tf.Variable(tf.zeros([]), name: "w");
            var b = tf.Variable(tf.zeros([]), name: "b");
            var loss = tf.reduce_mean(tf.square((w * x) + b - y));
            var grads = tf.gradients(loss, [w, b]);
            var train = tf.group(w.AssignSub(grads[0]! * 0.3), b.AssignSub(grads[1]! * 0.3));
            sess.Run(tf.global_variables_initializer());
            var feed = new FeedDict { [x] = xs, [y] = ys };
            for (int i = 0; i < 2000; i++)
            {
                sess.Run(train, feed);
            }

            Assert.Equal(0.5, (float)sess.Run(w), 3);
            Assert.Equal(2.0, (float)sess.Run(b), 3);
        }
    }

    [Fact]
    public void Compute_gradient_error_is_small_for_tanh()
    {
        var (g, sess) = NewGraph();
        using (g.AsDefault())
        using (sess)
        {
            var x = tf.placeholder(tf.float64, [3, 4]);
            var y = tf.tanh(x);
            // Central differences with delta 1e-3 are accurate to about delta² · |f'''|.
            Assert.True(tf.test.compute_gradient_error(x, [3, 4], y, [3, 4]) < 1e-5);
        }
    }
}
