namespace StaticGraph.Tests.Execution;

public class FeedTests
{
    [Fact]
    public void A_placeholder_takes_the_fed_value()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 2], name: "x");
            var y = x * 2f;
            using var sess = new Session(g);
            var r = sess.Run(y, new FeedDict { [x] = new[,] { { 1f, 2f }, { 3f, 4f }, { 5f, 6f } } });
            Assert.Equal(new Shape(3, 2), r.Shape);
            Assert.Equal(new[] { 2f, 4f, 6f, 8f, 10f, 12f }, r.ToArray<float>());
        }
    }

    [Fact]
    public void Feeding_a_string_into_a_float32_placeholder_throws()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, name: "x");
            using var sess = new Session(g);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(x * 2f, new FeedDict { [x] = "hello" }));
            Assert.Contains("'x:0'", e.Message, StringComparison.Ordinal);
            Assert.Contains("string", e.Message, StringComparison.Ordinal);
            Assert.Contains("float32", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Feeding_a_string_into_an_int32_placeholder_throws()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.int32, [], name: "x");
            using var sess = new Session(g);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(x + 1, new FeedDict { [x] = "seven" }));
            Assert.Contains("'x:0'", e.Message, StringComparison.Ordinal);
            Assert.Contains("int32", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Float64_data_fed_to_a_float32_placeholder_is_converted()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [2], name: "x");
            var y = x + 1f;
            using var sess = new Session(g);
            var r = sess.Run(y, new FeedDict { [x] = new[] { 1.5, 2.25 } });
            Assert.Equal(tf.float32, r.DType);
            Assert.Equal(new[] { 2.5f, 3.25f }, r.ToArray<float>());
        }
    }

    [Fact]
    public void Int_data_fed_to_an_int64_placeholder_is_converted()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.placeholder(tf.int64, [-1], name: "y");
            using var sess = new Session(g);
            var r = sess.Run(tf.identity(y), new FeedDict { [y] = new[] { 1, 2, 3 } });
            Assert.Equal(tf.int64, r.DType);
            Assert.Equal(new[] { 1L, 2L, 3L }, r.ToArray<long>());
        }
    }

    [Fact]
    public void Feeding_a_wrong_shape_names_the_placeholder_and_both_shapes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 784], name: "x");
            using var sess = new Session(g);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(x * 2f, new FeedDict { [x] = new float[3, 10] }));
            Assert.Contains("'x:0'", e.Message, StringComparison.Ordinal);
            Assert.Contains("(3, 10)", e.Message, StringComparison.Ordinal);
            Assert.Contains("(?, 784)", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Feeding_a_wrong_rank_is_a_shape_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [2], name: "x");
            using var sess = new Session(g);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(x, new FeedDict { [x] = 1f }));
            Assert.Contains("()", e.Message, StringComparison.Ordinal);
            Assert.Contains("(2,)", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_placeholder_of_unknown_shape_accepts_any_shape()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.int32, name: "x");
            using var sess = new Session(g);
            Assert.Equal(3, (int)sess.Run(x, new FeedDict { [x] = 3 }));
            Assert.Equal(new Shape(2, 1), sess.Run(x, new FeedDict { [x] = new[,] { { 1 }, { 2 } } }).Shape);
        }
    }

    [Fact]
    public void A_missing_feed_names_the_placeholder()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 784], name: "x");
            var y = tf.reduce_mean(x);
            using var sess = new Session(g);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(y));
            Assert.StartsWith("You must feed a value for placeholder tensor 'x'", e.Message, StringComparison.Ordinal);
            Assert.Contains("float32", e.Message, StringComparison.Ordinal);
            Assert.Contains("(?, 784)", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_placeholder_that_the_fetches_do_not_need_need_not_be_fed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            _ = tf.placeholder(tf.float32, name: "unused");
            var c = tf.constant(2f) * 3f;
            using var sess = new Session(g);
            Assert.Equal(6f, (float)sess.Run(c));
        }
    }

    [Fact]
    public void Fetching_a_tensor_of_another_graph_throws()
    {
        var g1 = new Graph();
        var g2 = new Graph();
        Tensor other;
        using (g2.AsDefault())
        {
            other = tf.constant(1f, name: "other");
        }

        using (g1.AsDefault())
        {
            tf.constant(1f);
            using var sess = new Session(g1);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(other));
            Assert.Contains("other:0", e.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidArgumentException>(() => sess.Run(other.Op));
        }
    }

    [Fact]
    public void Feeding_a_tensor_of_another_graph_throws()
    {
        var g1 = new Graph();
        var g2 = new Graph();
        Tensor foreign;
        using (g2.AsDefault())
        {
            foreign = tf.placeholder(tf.float32, name: "foreign");
        }

        using (g1.AsDefault())
        {
            var c = tf.constant(1f);
            using var sess = new Session(g1);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(c, new FeedDict { [foreign] = 1f }));
            Assert.Contains("foreign:0", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_feed_key_name_that_does_not_exist_throws_naming_it()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var c = tf.constant(1f);
            using var sess = new Session(g);
            var e = Assert.ThrowsAny<Exception>(() => sess.Run(c, new FeedDict { ["nope:0"] = 1f }));
            Assert.Contains("nope", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Feeding_by_tensor_name_works_with_and_without_the_output_index()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [], name: "x");
            var y = x * 10f;
            using var sess = new Session(g);
            Assert.Equal(20f, (float)sess.Run(y, new FeedDict { ["x:0"] = 2f }));
            Assert.Equal(30f, (float)sess.Run(y, new FeedDict { ["x"] = 3f }));
        }
    }

    [Fact]
    public void Feeding_a_scoped_placeholder_by_name()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tensor x;
            using (tf.name_scope("inputs"))
            {
                x = tf.placeholder(tf.int32, [], name: "x");
            }

            using var sess = new Session(g);
            Assert.Equal(5, (int)sess.Run(x + 1, new FeedDict { ["inputs/x:0"] = 4 }));
        }
    }

    [Fact]
    public void Setting_the_same_key_twice_keeps_the_last_value()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [], name: "x");
            using var sess = new Session(g);
            var feed = new FeedDict { [x] = 1f };
            feed[x] = 2f;
            Assert.Equal(1, feed.Count);
            Assert.Equal(2f, (float)feed[x]);
            Assert.Equal(2f, (float)sess.Run(tf.identity(x), feed));
        }
    }

    [Fact]
    public void Feeding_an_intermediate_tensor_overrides_it_and_the_graph_still_computes_the_original_without_the_feed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1);
            var b = tf.constant(2);
            var d = a * b;
            var e = d + b;
            using var sess = new Session(g);
            Assert.Equal(4, (int)sess.Run(e));
            Assert.Equal(6, (int)sess.Run(e, new FeedDict { [d] = 4 }));
            Assert.Equal(4, (int)sess.Run(e));
            Assert.Equal(2, (int)sess.Run(d));
        }
    }

    [Fact]
    public void Fetching_a_fed_tensor_returns_the_fed_value()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            var d = a * 3f;
            using var sess = new Session(g);
            var (dv, ev) = sess.Run((d, d + 1f), new FeedDict { [d] = 10f });
            Assert.Equal(10f, (float)dv);
            Assert.Equal(11f, (float)ev);
        }
    }

    [Fact]
    public void Feeding_an_intermediate_tensor_cuts_off_a_missing_placeholder_upstream()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [2], name: "x");
            var h = x * 2f;
            var y = h + 1f;
            using var sess = new Session(g);
            Assert.Equal(new[] { 4f, 5f }, sess.Run(y, new FeedDict { [h] = new[] { 3f, 4f } }).ToArray<float>());
        }
    }

    [Fact]
    public void Feeding_a_variable_read_overrides_the_variable_without_initializing_it()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = tf.Variable(tf.zeros([2]), name: "W");
            var y = w * 2f;
            using var sess = new Session(g);
            Assert.Equal(new[] { 2f, 4f }, sess.Run(y, new FeedDict { [w.Value] = new[] { 1f, 2f } }).ToArray<float>());
            Assert.Throws<FailedPreconditionException>(() => sess.Run(y));
        }
    }

    [Fact]
    public void The_fed_value_is_not_modified_by_the_run()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [3], name: "x");
            var y = (x * 2f) + 1f;
            NDArray input = new[] { 1f, 2f, 3f };
            using var sess = new Session(g);
            sess.Run(y, new FeedDict { [x] = input });
            sess.Run(y, new FeedDict { [x] = input });
            Assert.Equal(new[] { 1f, 2f, 3f }, input.ToArray<float>());
        }
    }

    [Fact]
    public void Feed_values_of_different_batch_sizes_run_through_one_placeholder()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1], name: "x");
            var s = tf.reduce_sum(x * 2f);
            using var sess = new Session(g);
            Assert.Equal(12f, (float)sess.Run(s, new FeedDict { [x] = new[] { 1f, 2f, 3f } }));
            Assert.Equal(2f, (float)sess.Run(s, new FeedDict { [x] = new[] { 1f } }));
            Assert.Equal(20f, (float)sess.Run(s, new FeedDict { [x] = new[] { 1f, 2f, 3f, 4f } }));
        }
    }
}
