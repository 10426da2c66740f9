using System.Text;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Ops;

/// <summary>Hand-computed forward values, errors and gradients of the shape-manipulation ops (slicing is in
/// ManipulationOpsTests.Slicing.cs).</summary>
public partial class ManipulationOpsTests
{
    internal static NDArray Eval(Func<Tensor> build, Func<Tensor, FeedDict>? feed = null)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = build();
            using var sess = new Session(g);
            return sess.Run(y, feed?.Invoke(y));
        }
    }

    internal static NDArray[] EvalAll(Func<Tensor[]> build)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var ys = build();
            using var sess = new Session(g);
            return sess.Run(ys);
        }
    }

    /// <summary>0, 1, …, n-1 as int32 in <paramref name="shape"/>.</summary>
    internal static Tensor Iota(params int[] shape) => tf.reshape(tf.range(0, shape.Aggregate(1, (a, b) => a * b)), shape);

    internal static void Expect<T>(NDArray y, Shape shape, params T[] values)
    {
        Assert.Equal(shape, y.Shape);
        Assert.Equal(values, y.ToArray<T>());
    }

    [Fact]
    public void Transpose_permutes_ranks_zero_to_four()
    {
        Expect(Eval(() => tf.transpose(tf.constant(5f))), [], 5f);
        Expect(Eval(() => tf.transpose(tf.constant(new[] { 1, 2, 3 }))), [3], 1, 2, 3);
        Expect(Eval(() => tf.transpose(tf.constant(new[,] { { 1, 2, 3 }, { 4, 5, 6 } }))), [3, 2], 1, 4, 2, 5, 3, 6);
        // y[i, j, k] = x[j, k, i] = 12j + 4k + i
        Expect(Eval(() => tf.transpose(Iota(2, 3, 4), [2, 0, 1])), [4, 2, 3],
            0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23);
        // reversed axes of [1, 2, 1, 3]: y[a, b, c, d] = x[d, c, b, a] = 3c + a
        Expect(Eval(() => tf.transpose(Iota(1, 2, 1, 3))), [3, 1, 2, 1], 0, 3, 1, 4, 2, 5);
    }

    [Fact]
    public void Transpose_moves_strings_and_rejects_a_bad_perm()
    {
        var y = Eval(() => tf.transpose(tf.constant(NDArray.FromMultiDimArray(new[,] { { "a", "b" }, { "c", "d" } }))));
        Assert.Equal(["a", "c", "b", "d"], y.ToArray<byte[]>().Select(b => Encoding.UTF8.GetString(b)));
        var e = Assert.Throws<GraphException>(() => Eval(() => tf.transpose(Iota(2, 2), [1, 1])));
        Assert.Contains("1 is duplicated in perm", e.Message, StringComparison.Ordinal);
        Assert.Contains("Transpose", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transpose_gradient_applies_the_inverse_permutation()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.placeholder(tf.float64, [1, 2, 3]);
            var y = tf.transpose(x, [2, 0, 1]);
            var dy = tf.constant(new double[,,] { { { 1, 2 } }, { { 3, 4 } }, { { 5, 6 } } }); // [3, 1, 2]
            var dx = tf.gradients([y], [x], grad_ys: [dy])[0]!;
            // dx[0, j, k] = dy[k, 0, j]
            Expect(sess.Run(dx, new FeedDict { [x] = new double[1, 2, 3] }), [1, 2, 3], 1.0, 3, 5, 2, 4, 6);
        }
    }

    [Fact]
    public void Transpose_of_unknown_rank_reverses_the_axes_at_run_time_and_tiles_with_unknown_dims()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.placeholder(tf.float32);
            Expect(sess.Run(tf.transpose(x), new FeedDict { [x] = new float[,] { { 1, 2, 3 }, { 4, 5, 6 } } }), [3, 2], 1f, 4, 2, 5, 3, 6);
            var v = tf.placeholder(tf.float64, [-1]);
            var dv = tf.gradients([tf.tile(v, [2])], [v], grad_ys: [tf.constant(new double[] { 1, 2, 3, 4 })])[0]!;
            Expect(sess.Run(dv, new FeedDict { [v] = new double[2] }), [2], 4.0, 6);
        }
    }

    [Fact]
    public void InvertPermutation_inverts_and_rejects_repeats()
    {
        Expect(Eval(() => tf.invert_permutation(tf.constant(new[] { 2, 0, 1 }))), [3], 1, 2, 0);
        Expect(Eval(() => tf.invert_permutation(tf.constant(new long[] { 3, 1, 0, 2 }))), [4], 2L, 1, 3, 0);
        var e = Assert.Throws<InvalidArgumentException>(() => Eval(() => tf.invert_permutation(tf.constant(new[] { 0, 0 }))));
        Assert.Contains("0 is duplicated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concat_joins_along_positive_and_negative_axes_for_every_dtype()
    {
        var a = new[,] { { 1, 2 }, { 3, 4 } };
        Expect(Eval(() => tf.concat([tf.constant(a), tf.constant(new[,] { { 5 }, { 6 } })], 1)), [2, 3], 1, 2, 5, 3, 4, 6);
        Expect(Eval(() => tf.concat([tf.constant(a), tf.constant(new[,] { { 5 }, { 6 } })], -1)), [2, 3], 1, 2, 5, 3, 4, 6);
        Expect(Eval(() => tf.concat([tf.constant(a), tf.constant(new[,] { { 5, 6 } })], 0)), [3, 2], 1, 2, 3, 4, 5, 6);
        Expect(Eval(() => tf.concat([tf.constant(new long[] { 1 }), tf.constant(new long[] { 2, 3 }), tf.constant(new long[] { 4 })], 0)), [4], 1L, 2, 3, 4);
        Expect(Eval(() => tf.concat([tf.constant(new[] { true }), tf.constant(new[] { false })], 0)), [2], true, false);
        var e = Assert.Throws<GraphException>(() => tf.concat([tf.constant(a), tf.constant(new[,] { { 5, 6, 7 } })], 0));
        Assert.Contains("Dimensions of inputs should match", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_and_concat_round_trip()
    {
        var parts = EvalAll(() => tf.split(Iota(2, 6), 3, axis: 1));
        Expect(parts[0], [2, 2], 0, 1, 6, 7);
        Expect(parts[1], [2, 2], 2, 3, 8, 9);
        Expect(parts[2], [2, 2], 4, 5, 10, 11);
        var v = EvalAll(() => tf.split(Iota(2, 6), [1, -1, 2], axis: -1));
        Expect(v[0], [2, 1], 0, 6);
        Expect(v[1], [2, 3], 1, 2, 3, 7, 8, 9);
        Expect(v[2], [2, 2], 4, 5, 10, 11);
        Expect(Eval(() => tf.concat(tf.split(Iota(4, 3), [3, 1], axis: 0), 0)), [4, 3], Enumerable.Range(0, 12).ToArray());
        Expect(Eval(() => tf.concat(tf.split(Iota(4, 3), 3, axis: 1), 1)), [4, 3], Enumerable.Range(0, 12).ToArray());
        var e = Assert.Throws<GraphException>(() => tf.split(Iota(2, 5), 2, axis: 1));
        Assert.Contains("evenly divide the split dimension", e.Message, StringComparison.Ordinal);
        Assert.Throws<GraphException>(() => tf.split(Iota(2, 5), [-1, -1], axis: 1));
    }

    [Fact]
    public void Concat_and_split_gradients_route_dy_and_fill_unused_pieces_with_zeros()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var a = tf.placeholder(tf.float64, [2]);
            var b = tf.placeholder(tf.float64, [-1]);
            var y = tf.concat([a, b], 0);
            var grads = tf.gradients([y], [a, b], grad_ys: [tf.constant(new double[] { 1, 2, 3, 4, 5 })]);
            var feed = new FeedDict { [a] = new double[2], [b] = new double[3] };
            Expect(sess.Run(grads[0]!, feed), [2], 1.0, 2);
            Expect(sess.Run(grads[1]!, feed), [3], 3.0, 4, 5);

            var x = tf.placeholder(tf.float64, [4]);
            var second = tf.split(x, 2)[1];
            var dx = tf.gradients([second], [x], grad_ys: [tf.constant(new double[] { 7, 8 })])[0]!;
            Expect(sess.Run(dx, new FeedDict { [x] = new double[4] }), [4], 0.0, 0, 7, 8);
        }
    }

    [Fact]
    public void Stack_and_unstack_are_inverse()
    {
        Expect(Eval(() => tf.stack([tf.constant(new[] { 1, 2 }), tf.constant(new[] { 3, 4 })])), [2, 2], 1, 2, 3, 4);
        Expect(Eval(() => tf.stack([tf.constant(new[] { 1, 2 }), tf.constant(new[] { 3, 4 })], axis: 1)), [2, 2], 1, 3, 2, 4);
        Expect(Eval(() => tf.stack([tf.constant(1f), tf.constant(2f)], axis: -1)), [2], 1f, 2f);
        var parts = EvalAll(() => tf.unstack(Iota(2, 3), axis: 1));
        Assert.Equal(3, parts.Length);
        Expect(parts[0], [2], 0, 3);
        Expect(parts[2], [2], 2, 5);
        Expect(Eval(() => tf.stack(tf.unstack(Iota(2, 3, 2), axis: -2), axis: -2)), [2, 3, 2], Enumerable.Range(0, 12).ToArray());
        Assert.Throws<GraphException>(() => tf.unstack(tf.placeholder(tf.float32, [-1, 2])));
    }

    [Fact]
    public void Unstack_gradient_stacks_dy_with_zeros_for_unused_slices()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.placeholder(tf.float64, [3, 2]);
            var y = tf.unstack(x)[1];
            var dx = tf.gradients([y], [x], grad_ys: [tf.constant(new double[] { 1, 2 })])[0]!;
            Expect(sess.Run(dx, new FeedDict { [x] = new double[3, 2] }), [3, 2], 0.0, 0, 1, 2, 0, 0);
        }
    }

    [Fact]
    public void Pad_constant_pads_with_zeros_or_the_constant()
    {
        var x = new[,] { { 1, 2 }, { 3, 4 } };
        Expect(Eval(() => tf.pad(tf.constant(x), new[,] { { 1, 0 }, { 0, 2 } })), [3, 4], 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0);
        var v2 = Eval(() =>
        {
            var y = tf.pad(tf.constant(new[] { 1f, 2f }), new[,] { { 2, 1 } }, constant_values: 9);
            Assert.Equal("PadV2", y.Op.Type);
            return y;
        });
        Expect(v2, [5], 9f, 9f, 1f, 2f, 9f);
        Expect(Eval(() => tf.pad(tf.constant(new[] { true }), new[,] { { 1, 1 } })), [3], false, true, false);
        var e = Assert.Throws<GraphException>(() => tf.pad(tf.constant(x), new[,] { { 1, -1 }, { 0, 0 } }));
        Assert.Contains("Paddings must be non-negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pad_reflect_and_symmetric_mirror_the_edges()
    {
        Expect(Eval(() => tf.pad(tf.constant(new[] { 1, 2, 3 }), new[,] { { 2, 2 } }, mode: "REFLECT")), [7], 3, 2, 1, 2, 3, 2, 1);
        Expect(Eval(() => tf.pad(tf.constant(new[] { 1, 2, 3 }), new[,] { { 2, 2 } }, mode: "symmetric")), [7], 2, 1, 1, 2, 3, 3, 2);
        Expect(Eval(() => tf.pad(tf.constant(new[,] { { 1, 2, 3 }, { 4, 5, 6 } }), new[,] { { 1, 1 }, { 2, 2 } }, mode: "REFLECT")), [4, 7],
            6, 5, 4, 5, 6, 5, 4,
            3, 2, 1, 2, 3, 2, 1,
            6, 5, 4, 5, 6, 5, 4,
            3, 2, 1, 2, 3, 2, 1);
        var e = Assert.Throws<GraphException>(() => tf.pad(tf.constant(new[] { 1, 2, 3 }), new[,] { { 3, 0 } }, mode: "REFLECT"));
        Assert.Contains("paddings must be less than the dimension size: 3, 0 not less than 3", e.Message, StringComparison.Ordinal);
        Expect(Eval(() => tf.pad(tf.constant(new[] { 1, 2, 3 }), new[,] { { 3, 0 } }, mode: "SYMMETRIC")), [6], 3, 2, 1, 1, 2, 3);
        Assert.Throws<ArgumentException>(() => tf.pad(tf.constant(new[] { 1 }), new[,] { { 1, 1 } }, mode: "WRAP"));
    }

    [Fact]
    public void MirrorPadGrad_folds_the_mirrored_gradient_back()
    {
        // REFLECT by 2: y = [x2, x1, x0, x1, x2, x1, x0]; SYMMETRIC by 2: y = [x1, x0, x0, x1, x2, x2, x1].
        var dy = new double[] { 1, 2, 3, 4, 5, 6, 7 };
        Expect(Eval(() => ManipulationOps.MirrorPadGrad(tf.constant(dy), tf.constant(new[,] { { 2, 2 } }), "REFLECT", null)), [3], 10.0, 12, 6);
        Expect(Eval(() => ManipulationOps.MirrorPadGrad(tf.constant(dy), tf.constant(new[,] { { 2, 2 } }), "SYMMETRIC", null)), [3], 5.0, 12, 11);
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.placeholder(tf.float64, [3]);
            var dx = tf.gradients([tf.pad(x, new[,] { { 2, 2 } }, mode: "REFLECT")], [x], grad_ys: [tf.constant(dy)])[0]!;
            Expect(sess.Run(dx, new FeedDict { [x] = new double[3] }), [3], 10.0, 12, 6);
        }
    }

    [Fact]
    public void Tile_repeats_and_its_gradient_sums_the_copies()
    {
        var x = new[,] { { 1, 2 }, { 3, 4 } };
        Expect(Eval(() => tf.tile(tf.constant(x), [1, 2])), [2, 4], 1, 2, 1, 2, 3, 4, 3, 4);
        Expect(Eval(() => tf.tile(tf.constant(x), [2, 1])), [4, 2], 1, 2, 3, 4, 1, 2, 3, 4);
        Expect(Eval(() => tf.tile(tf.constant(new[] { true, false }), [0])), [0], Array.Empty<bool>());
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var v = tf.placeholder(tf.float64, [2]);
            var dv = tf.gradients([tf.tile(v, [3])], [v], grad_ys: [tf.constant(new double[] { 1, 2, 3, 4, 5, 6 })])[0]!;
            Expect(sess.Run(dv, new FeedDict { [v] = new double[2] }), [2], 9.0, 12);
            var m = tf.placeholder(tf.float64, [1, 2]);
            var dm = tf.gradients([tf.tile(m, [2, 2])], [m], grad_ys: [tf.constant(new double[,] { { 1, 2, 3, 4 }, { 5, 6, 7, 8 } })])[0]!;
            Expect(sess.Run(dm, new FeedDict { [m] = new double[1, 2] }), [1, 2], 16.0, 20);
        }
    }

    [Fact]
    public void ExpandDims_inserts_an_axis_and_rejects_one_out_of_range()
    {
        Assert.Equal(new Shape(1, 2, 3), tf.expand_dims(tf.zeros([2, 3]), 0).Shape);
        Assert.Equal(new Shape(2, 3, 1), tf.expand_dims(tf.zeros([2, 3]), -1).Shape);
        Assert.Equal(new Shape(2, 1, 3), tf.expand_dims(tf.zeros([2, 3]), -2).Shape);
        Expect(Eval(() => tf.expand_dims(tf.constant(new[] { 1, 2 }), 1)), [2, 1], 1, 2);
        var e = Assert.Throws<GraphException>(() => tf.expand_dims(tf.zeros([2, 3]), 3));
        Assert.Contains("Tried to expand dim index 3 for tensor with 2 dimensions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Squeeze_drops_size_one_axes_and_names_a_dim_that_is_not_one()
    {
        Assert.Equal(new Shape(2, 3), tf.squeeze(tf.zeros([1, 2, 1, 3])).Shape);
        Assert.Equal(new Shape(1, 2, 3), tf.squeeze(tf.zeros([1, 2, 1, 3]), [2]).Shape);
        Assert.Equal(new Shape(2, 1, 3), tf.squeeze(tf.zeros([1, 2, 1, 3]), [-4]).Shape);
        Expect(Eval(() => tf.squeeze(tf.constant(new[,] { { 4 }, { 5 } }))), [2], 4, 5);
        var e = Assert.Throws<GraphException>(() => tf.squeeze(tf.zeros([1, 2, 1, 3]), [1]));
        Assert.Contains("Can not squeeze dim[1], expected a dimension of 1, got 2", e.Message, StringComparison.Ordinal);
        var run = Assert.Throws<InvalidArgumentException>(() => Eval(() => tf.squeeze(tf.placeholder(tf.float32, [-1, 1]), [0]),
            y => new FeedDict { [y.Op.Inputs[0]] = new float[,] { { 1 }, { 2 } } }));
        Assert.Contains("Can not squeeze dim[0], expected a dimension of 1, got 2", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reverse_flips_the_chosen_axes()
    {
        var x = new[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        Expect(Eval(() => tf.reverse(tf.constant(x), [1])), [2, 3], 3, 2, 1, 6, 5, 4);
        Expect(Eval(() => tf.reverse(tf.constant(x), [0, -1])), [2, 3], 6, 5, 4, 3, 2, 1);
        Expect(Eval(() => ManipulationOps.Reverse(tf.constant(x), tf.constant(new[] { true, false }), null)), [2, 3], 4, 5, 6, 1, 2, 3);
        var e = Assert.Throws<GraphException>(() => tf.reverse(tf.constant(x), [1, -1]));
        Assert.Contains("axis 1 specified more than once", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BroadcastTo_repeats_size_one_axes_and_its_gradient_sums_them()
    {
        Expect(Eval(() => tf.broadcast_to(tf.constant(new[] { 1, 2, 3 }), [2, 3])), [2, 3], 1, 2, 3, 1, 2, 3);
        Expect(Eval(() => tf.broadcast_to(tf.constant(new[,] { { 1 }, { 2 } }), [2, 3])), [2, 3], 1, 1, 1, 2, 2, 2);
        var e = Assert.Throws<GraphException>(() => tf.broadcast_to(tf.constant(new[] { 1, 2 }), [2, 3]));
        Assert.Contains("Incompatible shapes", e.Message, StringComparison.Ordinal);
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var a = tf.placeholder(tf.float64, [2, 1]);
            var da = tf.gradients([tf.broadcast_to(a, [3, 2, 2])], [a], grad_ys: [tf.constant(NDArray.FromArray(Enumerable.Range(1, 12).Select(i => (double)i).ToArray(), 3, 2, 2))])[0]!;
            // da[i] = Σ over the copies and the broadcast columns of row i: rows are (1,2),(3,4) | (5,6),(7,8) | (9,10),(11,12)
            Expect(sess.Run(da, new FeedDict { [a] = new double[2, 1] }), [2, 1], 1.0 + 2 + 5 + 6 + 9 + 10, 3.0 + 4 + 7 + 8 + 11 + 12);
        }
    }
}
