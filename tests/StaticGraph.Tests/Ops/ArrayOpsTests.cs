using StaticGraph.Ops;
using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>Placeholders, constants, Identity, NoOp, Cast, Reshape, Shape/Size/Rank, Fill, ZerosLike/OnesLike, Range.</summary>
public class ArrayOpsTests
{
    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Placeholder_returns_the_fed_value(string dtype)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(d, [-1, 2], name: "x");
            var y = tf.identity(x);
            using var sess = new Session(g);
            var fed = NDArray.FromArray(new double[] { 1, -2, 3, 4, 5, 6 }, 3, 2).AsType(d);
            Close(sess.Run(y, new FeedDict { [x] = fed }), d, [3, 2], [1, -2, 3, 4, 5, 6]);
            Close(sess.Run(x, new FeedDict { ["x:0"] = fed }), d, [3, 2], [1, -2, 3, 4, 5, 6]);
        }
    }

    [Fact]
    public void Placeholder_that_is_not_fed_is_an_error_naming_it()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [2], name: "images");
            var y = x * 2;
            using var sess = new Session(g);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(y));
            Assert.Contains("images", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void PlaceholderWithDefault_gives_the_default_unless_fed(string dtype)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var p = tf.placeholder_with_default(Const(d, [1, 2], 2), [-1]);
            Assert.Equal(new[] { -1 }, p.Shape.ToArray());
            Assert.Equal(d, p.DType);
            var y = tf.identity(p);
            using var sess = new Session(g);
            Close(sess.Run(y), d, [2], [1, 2]);
            Close(sess.Run(y, new FeedDict { [p] = NDArray.FromArray(new double[] { 7, 8, 9 }, 3).AsType(d) }), d, [3], [7, 8, 9]);
            Close(sess.Run(y), d, [2], [1, 2]);
        }
    }

    [Fact]
    public void PlaceholderWithDefault_rejects_a_default_of_another_shape()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var e = Assert.Throws<GraphException>(() => tf.placeholder_with_default(tf.constant(new[] { 1f, 2f }), [3]));
            Assert.Contains("PlaceholderWithDefault", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Const_holds_its_value_in_every_dtype()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var f = tf.constant(new[,] { { 1.5f, -2f } });
            var d = tf.constant(new[] { 0.1, 0.2 });
            var i = tf.constant(new[] { 1, -2, 3 });
            var l = tf.constant(new[] { long.MaxValue, long.MinValue });
            var b = tf.constant(new[] { true, false });
            var s = tf.constant(3.0, dtype: tf.float32, shape: [2, 2]);
            Assert.Equal(new[] { 1, 2 }, f.Shape.ToArray());
            Assert.Equal(tf.float32, s.DType);
            using var sess = new Session(g);
            Close(sess.Run(f), DType.Float32, [1, 2], [1.5, -2]);
            Close(sess.Run(d), DType.Float64, [2], [0.1, 0.2]);
            Close(sess.Run(i), DType.Int32, [3], [1, -2, 3]);
            Assert.Equal(new[] { long.MaxValue, long.MinValue }, sess.Run(l).ToArray<long>());
            Bools(sess.Run(b), [2], [true, false]);
            Close(sess.Run(s), DType.Float32, [2, 2], [3, 3, 3, 3]);
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Identity_copies_its_input(string dtype)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.identity(Const(d, [3, -1, 4, 1], 2, 2), name: "same");
            Assert.Equal("same", y.Op.Name);
            using var sess = new Session(g);
            Close(sess.Run(y), d, [2, 2], [3, -1, 4, 1]);
        }
    }

    [Fact]
    public void Identity_copies_bools()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.identity(tf.constant(new[] { true, false, true }));
            using var sess = new Session(g);
            Bools(sess.Run(y), [3], [true, false, true]);
        }
    }

    [Fact]
    public void NoOp_runs_and_runs_its_control_inputs()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(4.0f), name: "v");
            var nothing = tf.no_op();
            var init = tf.group(v.Initializer);
            Assert.Equal("NoOp", nothing.Type);
            Assert.Empty(nothing.Outputs);
            using var sess = new Session(g);
            sess.Run(nothing);
            sess.Run(init);
            Close(sess.Run(v), DType.Float32, [], [4]);
        }
    }

    // ---- Cast ----

    [Theory]
    [InlineData("float32", "int32")]
    [InlineData("float32", "int64")]
    [InlineData("float64", "int32")]
    [InlineData("float64", "int64")]
    public void Cast_from_float_to_int_truncates_toward_zero(string from, string to)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.cast(Const(D(from), [1.7, -1.7, 2.5, -0.5, 0, 3], 6), D(to));
            Assert.Equal(D(to), y.DType);
            using var sess = new Session(g);
            Close(sess.Run(y), D(to), [6], [1, -1, 2, 0, 0, 3]);
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Cast_between_bool_and_numbers(string dtype)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var toNumber = tf.cast(tf.constant(new[] { true, false, true }), d);
            var toBool = tf.cast(Const(d, [0, 3, -2, 0], 4), tf.@bool);
            using var sess = new Session(g);
            Close(sess.Run(toNumber), d, [3], [1, 0, 1]);
            Bools(sess.Run(toBool), [4], [false, true, true, false]);
        }
    }

    [Fact]
    public void Cast_of_fractions_to_bool_is_true_when_nonzero()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.cast(tf.constant(new[] { 0.5f, 0f, -0.25f }), tf.@bool);
            using var sess = new Session(g);
            Bools(sess.Run(y), [3], [true, false, true]);
        }
    }

    [Fact]
    public void Cast_between_numeric_types()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var i2f = tf.cast(tf.constant(new[] { 3, -4, 16777217 }), tf.float64);
            var d2f = tf.cast(tf.constant(new[] { 0.1, 1e40 }), tf.float32);
            var l2i = tf.cast(tf.constant(new[] { 5L, -6L }), tf.int32);
            var i2u = tf.cast(tf.constant(new[] { 300, 255 }), tf.uint8);
            using var sess = new Session(g);
            Close(sess.Run(i2f), DType.Float64, [3], [3, -4, 16777217]);
            Assert.Equal(new[] { 0.1f, float.PositiveInfinity }, sess.Run(d2f).ToArray<float>());
            Close(sess.Run(l2i), DType.Int32, [2], [5, -6]);
            Close(sess.Run(i2u), DType.UInt8, [2], [44, 255]); // 300 mod 256, as C's conversion
        }
    }

    // ---- Reshape, Shape, Size, Rank ----

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Reshape_keeps_row_major_order_and_infers_minus_one(string dtype)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = Const(d, [1, 2, 3, 4, 5, 6], 2, 3);
            var a = tf.reshape(x, [3, -1]);
            var b = tf.reshape(x, [-1]);
            var c = tf.reshape(x, [1, 6, 1]);
            Assert.Equal(new[] { 3, 2 }, a.Shape.ToArray());
            using var sess = new Session(g);
            Close(sess.Run(a), d, [3, 2], [1, 2, 3, 4, 5, 6]);
            Close(sess.Run(b), d, [6], [1, 2, 3, 4, 5, 6]);
            Close(sess.Run(c), d, [1, 6, 1], [1, 2, 3, 4, 5, 6]);
        }
    }

    [Fact]
    public void Reshape_of_a_fed_tensor_resolves_minus_one_at_run_time()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 4]);
            var y = tf.reshape(x, [-1, 2]);
            Assert.Equal(new[] { -1, 2 }, y.Shape.ToArray());
            using var sess = new Session(g);
            Close(sess.Run(y, new FeedDict { [x] = new float[,] { { 1, 2, 3, 4 }, { 5, 6, 7, 8 } } }), DType.Float32, [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
            Assert.Throws<InvalidArgumentException>(() => sess.Run(tf.reshape(x, [3, -1]), new FeedDict { [x] = new float[,] { { 1, 2, 3, 4 } } }));
        }
    }

    [Fact]
    public void Reshape_to_a_shape_tensor_computed_at_run_time()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float64, [-1, 3]);
            var y = tf.reshape(tf.constant(new[] { 1.0, 2, 3, 4, 5, 6 }), tf.shape(x));
            using var sess = new Session(g);
            Close(sess.Run(y, new FeedDict { [x] = new double[2, 3] }), DType.Float64, [2, 3], [1, 2, 3, 4, 5, 6]);
        }
    }

    [Fact]
    public void Shape_Size_and_Rank_of_a_static_tensor()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.zeros([2, 3]);
            var s = tf.shape(x);
            var s64 = tf.shape(x, out_type: tf.int64);
            var n = tf.size(x);
            var n64 = tf.size(x, out_type: tf.int64);
            var r = tf.rank(x);
            using var sess = new Session(g);
            Close(sess.Run(s), DType.Int32, [2], [2, 3]);
            Close(sess.Run(s64), DType.Int64, [2], [2, 3]);
            Close(sess.Run(n), DType.Int32, [], [6]);
            Close(sess.Run(n64), DType.Int64, [], [6]);
            Close(sess.Run(r), DType.Int32, [], [2]);
        }
    }

    [Fact]
    public void Shape_Size_and_Rank_of_a_fed_tensor()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.int32);
            var (s, n, r) = (tf.shape(x), tf.size(x), tf.rank(x));
            using var sess = new Session(g);
            var (sv, nv, rv) = sess.Run((s, n, r), new FeedDict { [x] = new int[4, 0, 5] });
            Close(sv, DType.Int32, [3], [4, 0, 5]);
            Close(nv, DType.Int32, [], [0]);
            Close(rv, DType.Int32, [], [3]);
            var scalar = sess.Run(s, new FeedDict { [x] = 7 });
            Close(scalar, DType.Int32, [0], []);
        }
    }

    // ---- Fill, ZerosLike, OnesLike ----

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Fill_repeats_the_value(string dtype)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.fill(tf.constant(new[] { 2, 3 }), Const(d, [7]));
            var dyn = tf.placeholder(tf.int32, [2]);
            var z = tf.fill(dyn, Const(d, [-1]));
            Assert.Equal(new[] { 2, 3 }, y.Shape.ToArray());
            Assert.Equal(new[] { -1, -1 }, z.Shape.ToArray());
            using var sess = new Session(g);
            Close(sess.Run(y), d, [2, 3], [7, 7, 7, 7, 7, 7]);
            Close(sess.Run(z, new FeedDict { [dyn] = new[] { 1, 2 } }), d, [1, 2], [-1, -1]);
        }
    }

    [Fact]
    public void Fill_with_a_bool_and_a_Shape()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.fill([2], true);
            using var sess = new Session(g);
            Bools(sess.Run(y), [2], [true, true]);
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void ZerosLike_and_OnesLike_take_shape_and_dtype_from_the_input(string dtype)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(d, [-1, 2]);
            var zeros = tf.zeros_like(x);
            var ones = tf.ones_like(x);
            Assert.Equal(new[] { -1, 2 }, zeros.Shape.ToArray());
            using var sess = new Session(g);
            var feed = new FeedDict { [x] = NDArray.FromArray(new double[] { 5, 6, 7, 8, 9, 10 }, 3, 2).AsType(d) };
            var (z, o) = sess.Run((zeros, ones), feed);
            Close(z, d, [3, 2], [0, 0, 0, 0, 0, 0]);
            Close(o, d, [3, 2], [1, 1, 1, 1, 1, 1]);
        }
    }

    [Fact]
    public void ZerosLike_of_bools_is_false()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.zeros_like(tf.constant(new[] { true, true }));
            var o = tf.ones_like(tf.constant(new[] { false }));
            using var sess = new Session(g);
            Bools(sess.Run(y), [2], [false, false]);
            Bools(sess.Run(o), [1], [true]);
        }
    }

    // ---- Range ----

    [Fact]
    public void Range_of_ints_excludes_the_limit()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.range(0, 5);
            var b = tf.range(5, 0, -2);
            var c = tf.range(3, 3);
            Assert.Equal(new[] { 5 }, a.Shape.ToArray());
            using var sess = new Session(g);
            Close(sess.Run(a), DType.Int32, [5], [0, 1, 2, 3, 4]);
            Close(sess.Run(b), DType.Int32, [3], [5, 3, 1]);
            Close(sess.Run(c), DType.Int32, [0], []);
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Range_of_floats_steps_by_delta(string dtype)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.range(1.0, 2.0, 0.25, dtype: d);
            var b = tf.range(0.0, 1.0, 0.3, dtype: d);
            using var sess = new Session(g);
            Close(sess.Run(a), d, [4], [1, 1.25, 1.5, 1.75]);
            Close(sess.Run(b), d, [4], [0, 0.3, 0.6, 0.9], tolerance: 1e-6);
        }
    }

    [Fact]
    public void Range_of_int64()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var r = ArrayOps.Range(tf.constant(-2L), tf.constant(4L), tf.constant(3L), null);
            Assert.Equal(tf.int64, r.DType);
            using var sess = new Session(g);
            Close(sess.Run(r), DType.Int64, [2], [-2, 1]);
        }
    }

    [Fact]
    public void Range_with_a_zero_delta_is_an_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Throws<GraphException>(() => tf.range(0, 5, 0));
        }
    }

    [Fact]
    public void Fetched_values_do_not_alias_constants_or_feeds()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var c = tf.constant(new[] { 1f, 2f });
            var x = tf.placeholder(tf.float32, [2]);
            using var sess = new Session(g);
            sess.Run(c).AsSpan<float>()[0] = 99;
            Close(sess.Run(c), DType.Float32, [2], [1, 2]);
            NDArray fed = new[] { 5f, 6f };
            sess.Run(x, new FeedDict { [x] = fed }).AsSpan<float>()[0] = 0;
            sess.Run(tf.identity(x), new FeedDict { [x] = fed }).AsSpan<float>()[1] = 0;
            Close(fed, DType.Float32, [2], [5, 6]);
        }
    }

    [Fact]
    public void Fill_accepts_int64_dims()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.fill(tf.constant(new[] { 2L, 1L }), tf.constant(3.0));
            Assert.Equal(new[] { 2, 1 }, y.Shape.ToArray());
            using var sess = new Session(g);
            Close(sess.Run(y), DType.Float64, [2, 1], [3, 3]);
        }
    }

    [Fact]
    public void Uint8_values_flow_through_array_ops()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(new byte[] { 1, 200, 3 });
            using var sess = new Session(g);
            Close(sess.Run(tf.zeros_like(x)), DType.UInt8, [3], [0, 0, 0]);
            Close(sess.Run(tf.reshape(x, [3, 1])), DType.UInt8, [3, 1], [1, 200, 3]);
            Close(sess.Run(tf.cast(x, tf.float32)), DType.Float32, [3], [1, 200, 3]);
        }
    }
}
