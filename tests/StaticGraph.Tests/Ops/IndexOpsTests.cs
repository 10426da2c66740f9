using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>Hand-computed values of the indexing ops: gathers, scatters, one_hot, where, select, clipping, scans,
/// segment sums, unique and linspace.</summary>
public class IndexOpsTests
{
    private static Tensor Ints(int[] values, params int[] shape) => tf.constant(NDArray.FromArray(values, shape.Length == 0 ? [values.Length] : shape));

    private static Tensor M23 => Const(DType.Float64, [1, 2, 3, 4, 5, 6], 2, 3);

    [Fact]
    public void Gather_reads_rows_and_columns_with_a_negative_axis()
    {
        Close(Run(() => tf.gather(M23, Ints([1, 0, 1]))), DType.Float64, [3, 3], [4, 5, 6, 1, 2, 3, 4, 5, 6]);
        Close(Run(() => tf.gather(M23, Ints([2, 0]), axis: -1)), DType.Float64, [2, 2], [3, 1, 6, 4]);
        Close(Run(() => tf.gather(M23, tf.constant(NDArray.Scalar(2)), axis: 1)), DType.Float64, [2], [3, 6]);
        Close(Run(() => tf.nn.embedding_lookup(M23, Ints([1, 1, 0], 3, 1))), DType.Float64, [3, 1, 3], [4, 5, 6, 4, 5, 6, 1, 2, 3]);
    }

    [Fact]
    public void Gather_with_an_out_of_range_index_names_the_index_and_the_valid_range()
    {
        var e = Assert.Throws<InvalidArgumentException>(() => Run(() => tf.gather(M23, Ints([0, 5]))));
        Assert.Contains("indices[1] = 5 is not in [0, 2)", e.Message, StringComparison.Ordinal);
        var neg = Assert.Throws<InvalidArgumentException>(() => Run(() => tf.gather(M23, Ints([-1]), axis: 1)));
        Assert.Contains("indices[0] = -1 is not in [0, 3)", neg.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gather_gradient_scatter_adds_rows_with_duplicates()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var p = M23;
            var dp0 = tf.gradients(tf.gather(p, Ints([1, 1, 0])) * Const(DType.Float64, [1, 2, 3], 1, 3), p)[0]!;
            Close(sess.Run(dp0), DType.Float64, [2, 3], [1, 2, 3, 2, 4, 6]);
            var dp1 = tf.gradients(tf.gather(p, Ints([2, 2, 0]), axis: 1), p)[0]!;
            Close(sess.Run(dp1), DType.Float64, [2, 3], [1, 0, 2, 1, 0, 2]);
        }
    }

    [Fact]
    public void Gather_nd_and_scatter_nd_index_by_tuples_and_scatter_adds_duplicates()
    {
        Close(Run(() => tf.gather_nd(M23, Ints([1, 2, 0, 0], 2, 2))), DType.Float64, [2], [6, 1]);
        Close(Run(() => tf.gather_nd(M23, Ints([1], 1, 1))), DType.Float64, [1, 3], [4, 5, 6]);
        Close(Run(() => tf.scatter_nd(Ints([1, 3, 1], 3, 1), Const(DType.Float32, [10, 20, 5], 3), new Shape(4))),
            DType.Float32, [4], [0, 15, 0, 20]);
        var e = Assert.Throws<InvalidArgumentException>(() => Run(() => tf.gather_nd(M23, Ints([0, 3], 1, 2))));
        Assert.Contains("indices[0] = [0, 3] does not index into param shape [2,3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensor_scatter_nd_add_adds_updates_onto_a_copy_of_the_tensor_and_duplicates_add()
    {
        Close(Run(() => tf.tensor_scatter_nd_add(M23, Ints([1, 0, 1], 3, 1), Const(DType.Float64, [1, 1, 1, 10, 20, 30, 2, 2, 2], 3, 3))),
            DType.Float64, [2, 3], [11, 22, 33, 7, 8, 9]);
        Close(Run(() => tf.tensor_scatter_nd_add(M23, Ints([0, 2, 0, 2], 2, 2), Const(DType.Float64, [5, 7], 2))),
            DType.Float64, [2, 3], [1, 2, 15, 4, 5, 6]);
        var e = Assert.Throws<GraphException>(() => tf.tensor_scatter_nd_add(M23, Ints([0], 1, 1), Const(DType.Float64, [1, 2], 1, 2)));
        Assert.Contains("updates must have shape", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_hot_puts_the_depth_axis_last_or_first_and_gives_off_rows_for_out_of_range_indices()
    {
        Close(Run(() => tf.one_hot(Ints([0, 2, 3, -1]), 3)), DType.Float32, [4, 3], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
        Close(Run(() => tf.one_hot(Ints([0, 2]), 3, on_value: 5, off_value: -1, axis: 0, dtype: tf.float64)),
            DType.Float64, [3, 2], [5, -1, -1, -1, -1, 5]);
        Close(Run(() => tf.one_hot(Ints([1, 0, 2, 1], 2, 2), 3, axis: -1, dtype: tf.int32)), DType.Int32, [2, 2, 3],
            [0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0]);
    }

    [Fact]
    public void Where_with_one_argument_lists_coordinates_and_with_three_selects_with_broadcasting()
    {
        var coords = Run(() => tf.where(tf.constant(new[,] { { true, false }, { false, true } })));
        Assert.Equal(DType.Int64, coords.DType);
        Assert.Equal([2, 2], coords.Shape.ToArray());
        Assert.Equal([0L, 0, 1, 1], coords.ToArray<long>());
        Close(Run(() => tf.where(Const(DType.Float32, [0, 3, 0, -1], 4))), DType.Int64, [2, 1], [1, 3]);
        Close(Run(() => tf.where(tf.constant(new[] { true, false, true }), M23, Const(DType.Float64, [0], 1))),
            DType.Float64, [2, 3], [1, 0, 3, 4, 0, 6]);
        Close(Run(() => tf.where(tf.constant(new[,] { { true }, { false } }), Const(DType.Float64, [1, 2], 2), Const(DType.Float64, [7], []))),
            DType.Float64, [2, 2], [1, 2, 7, 7]);
    }

    [Fact]
    public void Select_takes_rows_with_a_vector_condition()
    {
        Close(Run(() => StaticGraph.Ops.IndexOps.Select(tf.constant(new[] { false, true }), M23, M23 * 10.0, null)),
            DType.Float64, [2, 3], [10, 20, 30, 4, 5, 6]);
    }

    [Fact]
    public void Clip_by_value_clamps_and_its_gradient_passes_at_the_bounds()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var t = Const(DType.Float64, [-2, -1, 0, 1, 2], 5);
            var y = tf.clip_by_value(t, -1, 1);
            Close(sess.Run(y), DType.Float64, [5], [-1, -1, 0, 1, 1]);
            Close(sess.Run(tf.gradients(y, t)[0]!), DType.Float64, [5], [0, 1, 1, 1, 0]); // dy where min <= t <= max
            var lo = Const(DType.Float64, [-1], []);
            var hi = Const(DType.Float64, [1], []);
            var grads = tf.gradients(tf.clip_by_value(t, lo, hi), [lo, hi]);
            Close(sess.Run(grads[0]!), DType.Float64, [], [1]);
            Close(sess.Run(grads[1]!), DType.Float64, [], [1]);
            Close(sess.Run(tf.clip_by_value(Const(DType.Int32, [-5, 3, 9], 3), 0, 4)), DType.Int32, [3], [0, 3, 4]);
        }
    }

    [Theory]
    [InlineData(false, false, new double[] { 1, 3, 6, 10 }, new double[] { 1, 2, 6, 24 })]
    [InlineData(true, false, new double[] { 0, 1, 3, 6 }, new double[] { 1, 1, 2, 6 })]
    [InlineData(false, true, new double[] { 10, 9, 7, 4 }, new double[] { 24, 24, 12, 4 })]
    [InlineData(true, true, new double[] { 9, 7, 4, 0 }, new double[] { 24, 12, 4, 1 })]
    public void Cumsum_and_cumprod_cover_exclusive_and_reverse(bool exclusive, bool reverse, double[] sums, double[] products)
    {
        Close(Run(() => tf.cumsum(Const(DType.Float64, [1, 2, 3, 4], 4), exclusive: exclusive, reverse: reverse)), DType.Float64, [4], sums);
        Close(Run(() => tf.cumprod(Const(DType.Int32, [1, 2, 3, 4], 4), exclusive: exclusive, reverse: reverse)), DType.Int32, [4], products);
    }

    [Fact]
    public void Cumsum_runs_along_a_chosen_axis_and_gradients_follow_tf()
    {
        Close(Run(() => tf.cumsum(M23, axis: 1)), DType.Float64, [2, 3], [1, 3, 6, 4, 9, 15]);
        Close(Run(() => tf.cumsum(M23, axis: -2, reverse: true)), DType.Float64, [2, 3], [5, 7, 9, 4, 5, 6]);
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = Const(DType.Float64, [1, 2, 3], 3);
            Close(sess.Run(tf.gradients(tf.cumsum(x), x)[0]!), DType.Float64, [3], [3, 2, 1]);
            // y = [1, 2, 6]: dy/dx1 = 1 + 2 + 6, dy/dx2 = (2 + 6) / 2, dy/dx3 = 6 / 3.
            Close(sess.Run(tf.gradients(tf.cumprod(x), x)[0]!), DType.Float64, [3], [9, 4, 2]);
        }
    }

    [Fact]
    public void Segment_sums_add_rows_per_segment_and_reject_bad_ids_by_position()
    {
        Close(Run(() => tf.segment_sum(M23, Ints([0, 0]))), DType.Float64, [1, 3], [5, 7, 9]);
        Close(Run(() => tf.segment_sum(Const(DType.Float64, [1, 2, 3, 4], 4), Ints([0, 0, 2, 2]))), DType.Float64, [3], [3, 0, 7]);
        Close(Run(() => tf.unsorted_segment_sum(Const(DType.Float64, [1, 2, 3, 4], 4), Ints([2, 0, 2, 0]), 3)), DType.Float64, [3], [6, 0, 4]);
        var unsorted = Assert.Throws<InvalidArgumentException>(() => Run(() => tf.segment_sum(Const(DType.Float64, [1, 2, 3], 3), Ints([0, 2, 1]))));
        Assert.Contains("segment_ids[2] = 1", unsorted.Message, StringComparison.Ordinal);
        var range = Assert.Throws<InvalidArgumentException>(() => Run(() => tf.unsorted_segment_sum(Const(DType.Float64, [1, 2], 2), Ints([0, 3]), 2)));
        Assert.Contains("segment_ids[1] = 3 is not in [0, 2)", range.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unique_keeps_the_order_of_first_occurrence()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var (y, idx) = tf.unique(Ints([4, 1, 4, 7, 1, 1]));
            Close(sess.Run(y), DType.Int32, [3], [4, 1, 7]);
            Close(sess.Run(idx), DType.Int32, [6], [0, 1, 0, 2, 1, 1]);
        }
    }

    [Fact]
    public void Linspace_includes_both_ends()
    {
        Close(Run(() => tf.linspace(0, 1, 5)), DType.Float32, [5], [0, 0.25, 0.5, 0.75, 1]);
        Close(Run(() => tf.lin_space(Const(DType.Float64, [2], []), Const(DType.Float64, [-1], []), tf.constant(NDArray.Scalar(4)))), DType.Float64, [4], [2, 1, 0, -1]);
        Close(Run(() => tf.linspace(3, 9, 1)), DType.Float32, [1], [3]);
    }
}
