using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>numpy broadcasting of binary ops: rank 0, size-1 dimensions on either side, different ranks, empty
/// tensors, and the build-time and run-time errors for incompatible shapes.</summary>
public class BroadcastTests
{
    private static NDArray Run(Func<Tensor> build, out Shape staticShape)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = build();
            staticShape = y.Shape;
            using var sess = new Session(g);
            return sess.Run(y);
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void A_rank_0_tensor_broadcasts_on_either_side(string dtype)
    {
        var d = D(dtype);
        Tensor M() => Const(d, [1, 2, 3, 4], 2, 2);
        Tensor S() => Const(d, [10]);
        Close(Run(() => tf.add(S(), M()), out var s1), d, [2, 2], [11, 12, 13, 14]);
        Close(Run(() => tf.subtract(S(), M()), out _), d, [2, 2], [9, 8, 7, 6]);
        Close(Run(() => tf.subtract(M(), S()), out var s2), d, [2, 2], [-9, -8, -7, -6]);
        Close(Run(() => tf.floormod(S(), M()), out _), d, [2, 2], [0, 0, 1, 2]);
        Close(Run(() => tf.floordiv(M(), S()), out _), d, [2, 2], [0, 0, 0, 0]);
        Assert.Equal(new[] { 2, 2 }, s1.ToArray());
        Assert.Equal(new[] { 2, 2 }, s2.ToArray());
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Size_one_dimensions_stretch_on_both_sides(string dtype)
    {
        var d = D(dtype);
        Tensor Col() => Const(d, [0, 10, 20], 3, 1);
        Tensor Row() => Const(d, [1, 2, 3, 4], 1, 4);
        Close(Run(() => tf.add(Col(), Row()), out var s), d, [3, 4], [1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24]);
        Assert.Equal(new[] { 3, 4 }, s.ToArray());
        Close(Run(() => tf.subtract(Row(), Col()), out _), d, [3, 4], [1, 2, 3, 4, -9, -8, -7, -6, -19, -18, -17, -16]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void A_column_or_a_row_broadcasts_against_a_matrix(string dtype)
    {
        var d = D(dtype);
        Tensor M() => Const(d, [1, 2, 3, 4, 5, 6], 2, 3);
        Close(Run(() => tf.subtract(M(), Const(d, [10, 20], 2, 1)), out _), d, [2, 3], [-9, -8, -7, -16, -15, -14]);
        Close(Run(() => tf.subtract(Const(d, [10, 20], 2, 1), M()), out _), d, [2, 3], [9, 8, 7, 16, 15, 14]);
        Close(Run(() => tf.subtract(Const(d, [1, 2, 3], 1, 3), Const(d, [10, 20, 30, 40, 50, 60], 2, 3)), out _), d, [2, 3],
            [-9, -18, -27, -39, -48, -57]);
        Close(Run(() => RealDiv(M(), Const(d, [1, 2, 4], 3)), out _), d, [2, 3], [1, 1, 0.75, 4, 2.5, 1.5]);
    }

    private static Tensor RealDiv(Tensor x, Tensor y) => StaticGraph.Ops.MathOps.RealDiv(x, y, null);

    [Fact]
    public void A_vector_broadcasts_over_the_last_axis_of_a_rank_3_tensor()
    {
        // x[i, j, k] = 12i + 4j + k (0..23) plus [100, 200, 300, 400] along k.
        var x = Enumerable.Range(0, 24).Select(v => (double)v).ToArray();
        var expected = new double[24];
        for (int n = 0; n < 24; n++)
        {
            expected[n] = n + (100 * ((n % 4) + 1));
        }

        Close(Run(() => tf.add(Const(DType.Float32, x, 2, 3, 4), Const(DType.Float32, [100, 200, 300, 400], 4)), out var s),
            DType.Float32, [2, 3, 4], expected);
        Assert.Equal(new[] { 2, 3, 4 }, s.ToArray());
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Different_ranks_with_size_one_dimensions_broadcast(string dtype)
    {
        var d = D(dtype);
        // [2, 1, 4] * [3, 1] -> [2, 3, 4]: x[i, 0, k] = 4i + k + 1, y[j, 0] = j + 1.
        Close(Run(() => tf.multiply(Const(d, [1, 2, 3, 4, 5, 6, 7, 8], 2, 1, 4), Const(d, [1, 2, 3], 3, 1)), out var s), d, [2, 3, 4],
        [
            1, 2, 3, 4, 2, 4, 6, 8, 3, 6, 9, 12,
            5, 6, 7, 8, 10, 12, 14, 16, 15, 18, 21, 24,
        ]);
        Assert.Equal(new[] { 2, 3, 4 }, s.ToArray());
    }

    [Fact]
    public void Both_operands_stretch_in_alternating_dimensions()
    {
        // [2, 1, 3] - [1, 2, 1] -> [2, 2, 3]: x[i, 0, k] = 10i + k, y[0, j, 0] = 100j.
        Close(Run(() => tf.subtract(Const(DType.Float64, [0, 1, 2, 10, 11, 12], 2, 1, 3), Const(DType.Float64, [0, 100], 1, 2, 1)), out _),
            DType.Float64, [2, 2, 3], [0, 1, 2, -100, -99, -98, 10, 11, 12, -90, -89, -88]);
    }

    [Fact]
    public void Broadcasting_into_size_one_output_dimensions()
    {
        // [1, 3, 1] + [1, 1, 1] keeps the size-1 dimensions; [2, 1] + [1] gives [2, 1].
        Close(Run(() => tf.add(Const(DType.Float32, [1, 2, 3], 1, 3, 1), Const(DType.Float32, [5], 1, 1, 1)), out _), DType.Float32, [1, 3, 1], [6, 7, 8]);
        Close(Run(() => tf.add(Const(DType.Int32, [1, 2], 2, 1), Const(DType.Int32, [5], 1)), out _), DType.Int32, [2, 1], [6, 7]);
    }

    [Fact]
    public void An_empty_tensor_broadcasts_to_an_empty_result()
    {
        Close(Run(() => tf.add(tf.zeros([0, 3]), tf.constant(new[] { 1f, 2f, 3f })), out var s), DType.Float32, [0, 3], []);
        Assert.Equal(new[] { 0, 3 }, s.ToArray());
        Close(Run(() => tf.multiply(tf.zeros([2, 0], tf.float64), tf.zeros([2, 1], tf.float64)), out _), DType.Float64, [2, 0], []);
    }

    [Fact]
    public void An_empty_fed_tensor_broadcasts_at_run_time()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3]);
            var y = x + tf.constant(new[] { 1f, 2f, 3f });
            using var sess = new Session(g);
            Close(sess.Run(y, new FeedDict { [x] = new float[0, 3] }), DType.Float32, [0, 3], []);
        }
    }

    [Fact]
    public void Incompatible_shapes_fail_at_build_time_with_both_shapes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.zeros([2, 3]);
            var b = tf.zeros([4]);
            var e = Assert.Throws<GraphException>(() => tf.add(a, b));
            Assert.Contains("(2, 3)", e.Message, StringComparison.Ordinal);
            Assert.Contains("(4,)", e.Message, StringComparison.Ordinal);
            Assert.Contains("Add", e.Message, StringComparison.Ordinal);
            Assert.Throws<GraphException>(() => a * tf.zeros([3, 3]));
            Assert.Throws<GraphException>(() => tf.less(a, tf.zeros([2])));
        }
    }

    [Fact]
    public void Incompatible_shapes_known_only_at_run_time_are_an_invalid_argument()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.placeholder(tf.float32, [-1]);
            var b = tf.placeholder(tf.float32, [-1]);
            var c = a + b;
            Assert.Equal(new[] { -1 }, c.Shape.ToArray());
            using var sess = new Session(g);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(c, new FeedDict { [a] = new float[2], [b] = new float[3] }));
            Assert.Contains("(2,)", e.Message, StringComparison.Ordinal);
            Assert.Contains("(3,)", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_dimensions_broadcast_when_a_size_one_is_fed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.placeholder(tf.float64, [-1]);
            var b = tf.placeholder(tf.float64, [-1, 1]);
            var c = a * b;
            Assert.Equal(new[] { -1, -1 }, c.Shape.ToArray());
            using var sess = new Session(g);
            Close(sess.Run(c, new FeedDict { [a] = new[] { 1.0, 2.0, 3.0 }, [b] = new[,] { { 1.0 }, { -1.0 } } }), DType.Float64, [2, 3],
                [1, 2, 3, -1, -2, -3]);
            Close(sess.Run(c, new FeedDict { [a] = new[] { 5.0 }, [b] = new[,] { { 1.0 }, { 2.0 } } }), DType.Float64, [2, 1], [5, 10]);
        }
    }
}
