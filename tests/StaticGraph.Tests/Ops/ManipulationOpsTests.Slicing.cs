using StaticGraph.Ops;

namespace StaticGraph.Tests.Ops;

// Slice, StridedSlice (every mask, negative strides, clamping), StridedSliceGrad and the Tensor indexer.
public partial class ManipulationOpsTests
{
    [Fact]
    public void Slice_takes_begin_and_size_with_minus_one_to_the_end()
    {
        // x = [[0 1 2 3] [4 5 6 7] [8 9 10 11]]
        Expect(Eval(() => tf.slice(Iota(3, 4), [1, 1], [2, -1])), [2, 3], 5, 6, 7, 9, 10, 11);
        Expect(Eval(() => tf.slice(Iota(3, 4), [0, 3], [3, 1])), [3, 1], 3, 7, 11);
        Expect(Eval(() => tf.slice(Iota(3, 4), [3, 0], [0, 4])), [0, 4], Array.Empty<int>());
        var e = Assert.Throws<GraphException>(() => tf.slice(Iota(3, 4), [1, 2], [1, 3]));
        Assert.Contains("Expected size[1] in [0, 2], but got 3", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<GraphException>(() => tf.slice(Iota(3, 4), [4, 0], [-1, -1]));
        Assert.Contains("Expected begin[0] in [0, 3], but got 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slice_gradient_pads_dy_back_into_place()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.placeholder(tf.float64, [3, 3]);
            var dx = tf.gradients([tf.slice(x, [1, 0], [1, 2])], [x], grad_ys: [tf.constant(new double[,] { { 5, 6 } })])[0]!;
            Expect(sess.Run(dx, new FeedDict { [x] = new double[3, 3] }), [3, 3], 0.0, 0, 0, 5, 6, 0, 0, 0, 0);
        }
    }

    // x = Iota(2, 3, 4): x[i, j, k] = 12i + 4j + k
    [Fact]
    public void StridedSlice_with_plain_ranges_and_steps()
    {
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [0, 1, 1], [2, 3, 4], [1, 1, 2])), [2, 2, 2], 5, 7, 9, 11, 17, 19, 21, 23);
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [1], [2])), [1, 3, 4], Enumerable.Range(12, 12).ToArray());
    }

    [Fact]
    public void StridedSlice_begin_mask_and_end_mask_take_the_whole_side()
    {
        // x[:1, 0:1, 0:1] with a begin of 5 on axis 0 ignored by begin_mask
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [5, 0, 0], [1, 1, 1], begin_mask: 1)), [1, 1, 1], 0);
        // x[1:, 2:, 0:] with the ends ignored by end_mask
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [1, 2, 0], [0, 0, 0], end_mask: 7)), [1, 1, 4], 20, 21, 22, 23);
        // x[:, :, ::-1] : both masks with a negative step take the axis backwards
        Expect(Eval(() => tf.strided_slice(Iota(1, 1, 4), [0, 0, 0], [0, 0, 0], [1, 1, -1], begin_mask: 7, end_mask: 7)), [1, 1, 4], 3, 2, 1, 0);
    }

    [Fact]
    public void StridedSlice_ellipsis_expands_to_the_unnamed_axes()
    {
        // x[..., 1]
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [0, 1], [0, 2], [1, 1], ellipsis_mask: 1, shrink_axis_mask: 2)), [2, 3], 1, 5, 9, 13, 17, 21);
        // x[0, ..., 1]
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [0, 0, 1], [1, 0, 2], [1, 1, 1], ellipsis_mask: 2, shrink_axis_mask: 5)), [3], 1, 5, 9);
        // x[..., newaxis]: a new axis after the ellipsis does not eat an input axis
        Assert.Equal(new Shape(2, 3, 4, 1), tf.strided_slice(Iota(2, 3, 4), [0, 0], [0, 0], [1, 1], ellipsis_mask: 1, new_axis_mask: 2).Shape);
        var e = Assert.Throws<GraphException>(() => tf.strided_slice(Iota(2, 3, 4), [0, 0], [0, 0], [1, 1], ellipsis_mask: 3));
        Assert.Contains("Multiple ellipses in slice spec not allowed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StridedSlice_new_axis_and_shrink_axis_masks()
    {
        // x[:, newaxis, 0]
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [0, 0, 0], [0, 0, 1], [1, 1, 1], begin_mask: 1, end_mask: 1, new_axis_mask: 2, shrink_axis_mask: 4)),
            [2, 1, 4], 0, 1, 2, 3, 12, 13, 14, 15);
        // x[1, -1]: a negative index counts from the end and its end is ignored
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [1, -1], [2, 0], [1, 1], shrink_axis_mask: 3)), [4], 20, 21, 22, 23);
        // x[1, 2, 3] is a scalar
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [1, 2, 3], [2, 3, 4], [1, 1, 1], shrink_axis_mask: 7)), [], 23);
        // newaxis on a scalar
        Expect(Eval(() => tf.strided_slice(tf.constant(7), [0], [0], [1], new_axis_mask: 1)), [1], 7);
        var e = Assert.Throws<GraphException>(() => tf.strided_slice(Iota(2, 3, 4), [2], [3], [1], shrink_axis_mask: 1));
        Assert.Contains("slice index 2 of dimension 0 out of bounds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StridedSlice_negative_strides_walk_backwards()
    {
        // x[::-1, 2, ::-2]
        Expect(Eval(() => tf.strided_slice(Iota(2, 3, 4), [0, 2, 0], [0, 3, 0], [-1, 1, -2], begin_mask: 5, end_mask: 5, shrink_axis_mask: 2)),
            [2, 2], 23, 21, 11, 9);
        // x[3:0:-1] and x[-1:-4:-2] of [0 1 2 3 4]
        Expect(Eval(() => tf.strided_slice(tf.range(0, 5), [3], [0], [-1])), [3], 3, 2, 1);
        Expect(Eval(() => tf.strided_slice(tf.range(0, 5), [-1], [-4], [-2])), [2], 4, 2);
        var e = Assert.Throws<GraphException>(() => tf.strided_slice(tf.range(0, 5), [0], [1], [0]));
        Assert.Contains("strides[0] must be non-zero", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StridedSlice_clamps_out_of_range_begin_and_end_as_TF()
    {
        Expect(Eval(() => tf.strided_slice(tf.range(0, 5), [-10], [100])), [5], 0, 1, 2, 3, 4);
        Expect(Eval(() => tf.strided_slice(tf.range(0, 5), [3], [-100], [-1])), [4], 3, 2, 1, 0);
        Expect(Eval(() => tf.strided_slice(tf.range(0, 5), [100], [1], [-2])), [2], 4, 2);
        Expect(Eval(() => tf.strided_slice(tf.range(0, 5), [7], [9])), [0], Array.Empty<int>());
        Expect(Eval(() => tf.strided_slice(tf.range(0, 5), [3], [1])), [0], Array.Empty<int>());
    }

    [Fact]
    public void StridedSliceGrad_scatters_dy_into_zeros()
    {
        var y = Eval(() => ManipulationOps.StridedSliceGrad(tf.constant(new[] { 5 }), tf.constant(new[] { 1 }), tf.constant(new[] { 5 }),
            tf.constant(new[] { 2 }), tf.constant(new[] { 10f, 20f }), new SliceMasks(), null));
        Expect(y, [5], 0f, 10f, 0f, 20f, 0f);
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.placeholder(tf.float64, [2, 3]);
            var dx = tf.gradients([x[TensorIndex.Slice(step: -1), 1]], [x], grad_ys: [tf.constant(new double[] { 7, 8 })])[0]!;
            Expect(sess.Run(dx, new FeedDict { [x] = new double[2, 3] }), [2, 3], 0.0, 8, 0, 0, 7, 0);
        }
    }

    [Fact]
    public void Indexing_sugar_builds_the_equivalent_strided_slice()
    {
        static void Same(Func<Tensor, Tensor> sugar, Func<Tensor, Tensor> explicitSlice)
        {
            var g = new Graph();
            using (g.AsDefault())
            using (var sess = new Session(g))
            {
                var x = Iota(2, 3, 4);
                var (a, b) = (sugar(x), explicitSlice(x));
                Assert.Equal("StridedSlice", a.Op.Type);
                foreach (var mask in new[] { "begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask" })
                {
                    Assert.Equal(b.Op.GetAttr<int>(mask), a.Op.GetAttr<int>(mask));
                }

                Assert.Equal(b.Shape, a.Shape);
                var (va, vb) = sess.Run((a, b));
                Assert.Equal(vb.Shape, va.Shape);
                Assert.Equal(vb.ToArray<int>(), va.ToArray<int>());
            }
        }

        Same(x => x[.., 0], x => tf.strided_slice(x, [0, 0], [0, 1], [1, 1], begin_mask: 1, end_mask: 1, shrink_axis_mask: 2));
        Same(x => x[1..^1, TensorIndex.NewAxis], x => tf.strided_slice(x, [1, 0], [-1, 0], [1, 1], new_axis_mask: 2));
        Same(x => x[^1], x => tf.strided_slice(x, [-1], [0], [1], shrink_axis_mask: 1));
        Same(x => x[TensorIndex.Ellipsis, 1..3], x => tf.strided_slice(x, [0, 1], [0, 3], [1, 1], ellipsis_mask: 1));
        Same(x => x[0, TensorIndex.Ellipsis, 2], x => tf.strided_slice(x, [0, 0, 2], [1, 0, 3], [1, 1, 1], ellipsis_mask: 2, shrink_axis_mask: 5));
        Same(x => x[TensorIndex.Slice(null, null, -1), ..2, ^3..], x => tf.strided_slice(x, [0, 0, -3], [0, 2, 0], [-1, 1, 1], begin_mask: 3, end_mask: 5));
        Same(x => x[.., TensorIndex.Slice(2, 0, -2)], x => tf.strided_slice(x, [0, 2], [0, 0], [1, -2], begin_mask: 1, end_mask: 1));
    }

    [Fact]
    public void Indexing_sugar_values_match_numpy()
    {
        // x[:, 0] of Iota(2, 3, 4) is x[i, 0, k]
        Expect(Eval(() => Iota(2, 3, 4)[.., 0]), [2, 4], 0, 1, 2, 3, 12, 13, 14, 15);
        // x[1:-1] of [0 1 2 3 4] with a new axis
        Expect(Eval(() => tf.range(0, 5)[1..^1, TensorIndex.NewAxis]), [3, 1], 1, 2, 3);
        Expect(Eval(() => tf.range(0, 5)[^0..]), [0], Array.Empty<int>());
        Expect(Eval(() => tf.range(0, 5)[TensorIndex.Slice(step: -2)]), [3], 4, 2, 0);
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var v = tf.Variable(tf.constant(new[,] { { 1f, 2f }, { 3f, 4f } }), name: "v");
            var col = v[.., 1];
            sess.Run(tf.global_variables_initializer());
            Expect(sess.Run(col), [2], 2f, 4f);
        }
    }
}
