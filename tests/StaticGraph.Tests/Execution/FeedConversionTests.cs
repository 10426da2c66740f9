namespace StaticGraph.Tests.Execution;

/// <summary>TF1 converts fed values with numpy's asarray(value, dtype); only strings must match.</summary>
public class FeedConversionTests
{
    [Fact]
    public void Floats_fed_into_an_int32_placeholder_truncate_toward_zero_as_numpy_does()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.int32, [3]);
            using var sess = new Session(g);
            Assert.Equal(new[] { 1, -1, 2 }, sess.Run(x * 1, new FeedDict { [x] = new[] { 1.7, -1.7, 2.0 } }).ToArray<int>());
        }
    }

    [Fact]
    public void Bools_fed_into_a_float_placeholder_become_zero_and_one()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [2]);
            using var sess = new Session(g);
            Assert.Equal(new[] { 1f, 0f }, sess.Run(x * 1, new FeedDict { [x] = new[] { true, false } }).ToArray<float>());
        }
    }

    [Fact]
    public void A_string_fed_into_a_number_placeholder_is_an_error_naming_it()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [], name: "x");
            using var sess = new Session(g);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(x * 1, new FeedDict { [x] = "1.5" }));
            Assert.Contains("'x:0'", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Random_ops_take_their_op_seed_after_their_helper_constants_as_TF1()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.set_random_seed(7);
            var r = tf.random_normal([2]);
            var op = g.GetOperationByName("random_normal/RandomStandardNormal");
            Assert.Equal(7L, op.GetAttr<long>("seed"));
            Assert.Equal(3L, op.GetAttr<long>("seed2")); // shape, mean and stddev come first
            Assert.NotNull(g.TryGetOperation("random_normal/mean"));
            Assert.NotNull(g.TryGetOperation("random_normal/stddev"));
            Assert.Equal("random_normal", r.Op.Name);
        }
    }
}
