namespace StaticGraph.Tests.Execution;

public class PlanCacheTests
{
    [Fact]
    public void A_repeated_run_reuses_its_plan()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1], name: "x");
            var y = x * 2f;
            using var sess = new Session(g);
            Assert.Equal(0, sess.PlansBuilt);
            sess.Run(y, new FeedDict { [x] = new[] { 1f } });
            Assert.Equal(1, sess.PlansBuilt);
            for (int i = 0; i < 5; i++)
            {
                sess.Run(y, new FeedDict { [x] = new[] { 1f, 2f, 3f } });
            }

            Assert.Equal(1, sess.PlansBuilt);
        }
    }

    [Fact]
    public void Fetch_forms_of_one_signature_share_a_plan()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f) + 1f;
            using var sess = new Session(g);
            sess.Run(a);
            sess.Run([a]);
            sess.Run(new IFetchable[] { a });
            Assert.Equal(1, sess.PlansBuilt);
        }
    }

    [Fact]
    public void A_different_fetch_builds_one_more_plan()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f) + 1f;
            var b = a * 3f;
            using var sess = new Session(g);
            sess.Run(a);
            sess.Run(b);
            Assert.Equal(2, sess.PlansBuilt);
            sess.Run((a, b));
            Assert.Equal(3, sess.PlansBuilt);
            sess.Run((b, a));
            Assert.Equal(4, sess.PlansBuilt);
            sess.Run(a);
            sess.Run(b);
            sess.Run((a, b));
            sess.Run((b, a));
            Assert.Equal(4, sess.PlansBuilt);
        }
    }

    [Fact]
    public void A_different_feed_set_builds_one_more_plan()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            var d = a * 2f;
            var e = d + 1f;
            using var sess = new Session(g);
            sess.Run(e);
            sess.Run(e, new FeedDict { [d] = 5f });
            Assert.Equal(2, sess.PlansBuilt);
            Assert.Equal(6f, (float)sess.Run(e, new FeedDict { [d] = 5f }));
            Assert.Equal(3f, (float)sess.Run(e));
            Assert.Equal(2, sess.PlansBuilt);
        }
    }

    [Fact]
    public void An_operation_target_is_part_of_the_signature()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(0f), name: "v");
            var inc = v.AssignAdd(tf.constant(1f));
            using var sess = new Session(g);
            sess.Run(v.Initializer);
            Assert.Equal(1, sess.PlansBuilt);
            sess.Run(inc);
            sess.Run(inc);
            Assert.Equal(2, sess.PlansBuilt);
            sess.Run((v.Value, inc));
            Assert.Equal(3, sess.PlansBuilt);
        }
    }

    [Fact]
    public void Feed_key_order_does_not_matter()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [], name: "x");
            var y = tf.placeholder(tf.float32, [], name: "y");
            var z = x - y;
            using var sess = new Session(g);
            Assert.Equal(1f, (float)sess.Run(z, new FeedDict { [x] = 3f, [y] = 2f }));
            Assert.Equal(5f, (float)sess.Run(z, new FeedDict { [y] = 2f, [x] = 7f }));
            Assert.Equal(-1f, (float)sess.Run(z, new FeedDict { ["y:0"] = 3f, ["x:0"] = 2f }));
            Assert.Equal(1, sess.PlansBuilt);
        }
    }

    [Fact]
    public void A_failed_compile_does_not_poison_later_runs()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [], name: "x");
            var y = x + 1f;
            using var sess = new Session(g);
            Assert.Throws<InvalidArgumentException>(() => sess.Run(y));
            Assert.Equal(2f, (float)sess.Run(y, new FeedDict { [x] = 1f }));
            var again = Assert.Throws<InvalidArgumentException>(() => sess.Run(y));
            Assert.Contains("You must feed a value for placeholder tensor 'x'", again.Message, StringComparison.Ordinal);
            Assert.Equal(4f, (float)sess.Run(y, new FeedDict { [x] = 3f }));
        }
    }

    [Fact]
    public void A_run_that_fails_at_execution_leaves_the_plan_usable()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [2], name: "x");
            var y = x * 2f;
            using var sess = new Session(g);
            Assert.Equal(new[] { 2f, 4f }, sess.Run(y, new FeedDict { [x] = new[] { 1f, 2f } }).ToArray<float>());
            Assert.Throws<InvalidArgumentException>(() => sess.Run(y, new FeedDict { [x] = new[] { 1f, 2f, 3f } }));
            Assert.Equal(new[] { 6f, 8f }, sess.Run(y, new FeedDict { [x] = new[] { 3f, 4f } }).ToArray<float>());
            Assert.Equal(1, sess.PlansBuilt);
        }
    }

    [Fact]
    public void Plans_are_per_session()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f) * 2f;
            using var s1 = new Session(g);
            using var s2 = new Session(g);
            s1.Run(a);
            s1.Run(a);
            Assert.Equal(1, s1.PlansBuilt);
            Assert.Equal(0, s2.PlansBuilt);
        }
    }

    [Fact]
    public void Reused_buffers_do_not_leak_values_between_runs_of_different_sizes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1], name: "x");
            var y = (x * 2f) + 1f;
            using var sess = new Session(g);
            var big = sess.Run(y, new FeedDict { [x] = new[] { 1f, 2f, 3f, 4f } });
            var small = sess.Run(y, new FeedDict { [x] = new[] { 10f } });
            Assert.Equal(new[] { 3f, 5f, 7f, 9f }, big.ToArray<float>());
            Assert.Equal(new[] { 21f }, small.ToArray<float>());
            Assert.Equal(new Shape(1), small.Shape);
        }
    }
}
