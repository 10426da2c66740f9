namespace StaticGraph.Tests.Execution;

public class SessionTests
{
    [Fact]
    public void Run_with_one_tensor_returns_its_value()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var c = tf.constant(new[] { 1, 2, 3 }) * 2;
            using var sess = new Session(g);
            var r = sess.Run(c);
            Assert.Equal(tf.int32, r.DType);
            Assert.Equal(new[] { 2, 4, 6 }, r.ToArray<int>());
        }
    }

    [Fact]
    public void Session_without_a_graph_uses_the_default_graph()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using var sess = tf.Session();
            Assert.Same(g, sess.Graph);
            using var s2 = new Session();
            Assert.Same(g, s2.Graph);
        }

        using var s3 = tf.Session(g);
        Assert.Same(g, s3.Graph);
    }

    [Fact]
    public void Run_with_a_tensor_array_returns_values_in_order()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            var b = tf.constant(2f);
            using var sess = new Session(g);
            NDArray[] r = sess.Run([a, b, a + b]);
            Assert.Equal(3, r.Length);
            Assert.Equal(1f, (float)r[0]);
            Assert.Equal(2f, (float)r[1]);
            Assert.Equal(3f, (float)r[2]);
        }
    }

    [Fact]
    public void Fetching_the_same_tensor_twice_returns_independent_copies()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(new[] { 1f, 2f }) * 1f;
            using var sess = new Session(g);
            var r = sess.Run([a, a]);
            r[0].AsSpan<float>()[0] = 100f;
            Assert.Equal(1f, r[1].GetValue<float>(0));
        }
    }

    [Fact]
    public void Run_with_a_mixed_fetch_list_puts_null_in_each_operation_slot()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(1f), name: "v");
            var loss = v * 3f;
            var train_op = v.AssignAdd(tf.constant(1f));
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            NDArray?[] r = sess.Run([loss, train_op, v]);
            Assert.Equal(3, r.Length);
            Assert.NotNull(r[0]);
            Assert.Null(r[1]);
            Assert.NotNull(r[2]);
            Assert.Equal(2f, (float)sess.Run(v));
        }
    }

    [Fact]
    public void Run_with_a_loss_and_train_op_list_like_TF1()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [], name: "x");
            var v = tf.Variable(tf.constant(0f), name: "v");
            var loss = v + x;
            var train_op = v.AssignAdd(tf.constant(1f));
            using var sess = new Session(g);
            sess.Run(v.Initializer);
            var r = sess.Run([loss, train_op], new FeedDict { [x] = 10f });
            Assert.Null(r[1]);
            float l = (float)r[0]!;
            Assert.True(l is 10f or 11f, $"loss was {l}");
            Assert.Equal(1f, (float)sess.Run(v));
        }
    }

    [Fact]
    public void Tuples_of_two_to_five_tensors_deconstruct()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1);
            var b = tf.constant(2);
            var c = tf.constant(3);
            var d = tf.constant(4);
            var e = tf.constant(5);
            using var sess = new Session(g);
            var (a2, b2) = sess.Run((a, b));
            Assert.Equal((1, 2), ((int)a2, (int)b2));
            var (a3, b3, c3) = sess.Run((a, b, c));
            Assert.Equal((1, 2, 3), ((int)a3, (int)b3, (int)c3));
            var (a4, b4, c4, d4) = sess.Run((a, b, c, d));
            Assert.Equal((1, 2, 3, 4), ((int)a4, (int)b4, (int)c4, (int)d4));
            var (a5, b5, c5, d5, e5) = sess.Run((a, b, c, d, e));
            Assert.Equal((1, 2, 3, 4, 5), ((int)a5, (int)b5, (int)c5, (int)d5, (int)e5));
        }
    }

    [Fact]
    public void Tuples_mixing_tensors_and_operations_run_the_operations_and_yield_null_for_them()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(0), name: "v");
            var inc = v.AssignAdd(tf.constant(1));
            var c = tf.constant(7);
            using var sess = new Session(g);
            sess.Run(v.Initializer);
            var (c1, n1) = sess.Run((c, inc));
            Assert.Equal(7, (int)c1);
            Assert.Null(n1);
            var (n2, c2) = sess.Run((inc, c));
            Assert.Null(n2);
            Assert.Equal(7, (int)c2);
            var (_, _, n3) = sess.Run((c, c, inc));
            Assert.Null(n3);
            var (n4, _, _) = sess.Run((inc, c, c));
            Assert.Null(n4);
            var (_, n5, n6) = sess.Run((c, inc, inc));
            Assert.Null(n5);
            Assert.Null(n6);
            var (_, _, _, n7) = sess.Run((c, c, c, inc));
            Assert.Null(n7);
            var (_, _, _, _, n8) = sess.Run((c, c, c, c, inc));
            Assert.Null(n8);
            // inc ran 7 times (once per tuple; the doubled target in (c, inc, inc) runs once).
            Assert.Equal(7, (int)sess.Run(v));
        }
    }

    [Fact]
    public void An_operation_target_runs_and_returns_nothing()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(1f), name: "v");
            using var sess = new Session(g);
            sess.Run(v.Initializer);
            sess.Run(v.Assign(tf.constant(5f)));
            Assert.Equal(5f, (float)sess.Run(v));
        }
    }

    [Fact]
    public void A_group_runs_all_its_inputs()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.Variable(tf.constant(1), name: "a");
            var b = tf.Variable(tf.constant(1), name: "b");
            var both = tf.group(a.AssignAdd(tf.constant(1)), b.AssignAdd(tf.constant(2)));
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            sess.Run(both);
            Assert.Equal((2, 3), ((int)sess.Run(a), (int)sess.Run(b)));
        }
    }

    [Fact]
    public void A_variable_fetch_returns_its_value()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(new[,] { { 1f, 2f } }), name: "v");
            using var sess = new Session(g);
            sess.Run(v.Initializer);
            var r = sess.Run(v);
            Assert.Equal(new Shape(1, 2), r.Shape);
            Assert.Equal(new[] { 1f, 2f }, r.ToArray<float>());
        }
    }

    [Fact]
    public void AsDefault_makes_Eval_and_Operation_Run_use_the_session_until_disposed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(2f), name: "v");
            var x = tf.placeholder(tf.float32, [], name: "x");
            var y = v * x;
            using var sess = new Session(g);
            var before = Session.Default;
            using (sess.AsDefault())
            {
                Assert.Same(sess, Session.Default);
                tf.global_variables_initializer().Run();
                Assert.Equal(6f, (float)y.Eval(new FeedDict { [x] = 3f }));
                Assert.Equal(2f, (float)v.Eval());
                v.AssignAdd(tf.constant(1f)).Run();
                Assert.Equal(3f, (float)v.Eval());
            }

            Assert.Same(before, Session.Default);
        }
    }

    [Fact]
    public void Nested_AsDefault_scopes_restore_the_outer_session()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using var s1 = new Session(g);
            using var s2 = new Session(g);
            using (s1.AsDefault())
            {
                using (s2.AsDefault())
                {
                    Assert.Same(s2, Session.Default);
                }

                Assert.Same(s1, Session.Default);
            }
        }
    }

    [Fact]
    public void A_disposed_session_throws_ObjectDisposedException()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var c = tf.constant(1f);
            var sess = new Session(g);
            Assert.Equal(1f, (float)sess.Run(c));
            sess.Dispose();
            Assert.Throws<ObjectDisposedException>(() => sess.Run(c));
            Assert.Throws<ObjectDisposedException>(() => sess.Run(tf.no_op()));
            Assert.Throws<ObjectDisposedException>(() => sess.Run([c]));
            sess.Dispose();
        }
    }

    [Fact]
    public void Session_keeps_its_config()
    {
        var g = new Graph();
        var config = new ConfigProto { IntraOpParallelismThreads = 2, InterOpParallelismThreads = 1 };
        using var sess = tf.Session(g, config);
        Assert.Same(config, sess.Config);
        Assert.Equal(2, sess.Config.IntraOpParallelismThreads);
    }

    [Fact]
    public void A_fetch_list_of_unsupported_objects_is_rejected()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using var sess = new Session(g);
            Assert.Throws<ArgumentException>(() => sess.Run(new IFetchable[] { null! }));
        }
    }
}
