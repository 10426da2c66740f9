namespace StaticGraph.Tests.Ops;

/// <summary>Hand-computed values of the Convolution ops (TF 1.15 semantics), their static shapes and their errors.</summary>
public class ConvOpsTests
{
    private static Tensor C(float[] values, params int[] shape) => tf.constant(NDArray.FromArray(values, shape));

    private static float[] Range(int n, float sign = 1) => Enumerable.Range(1, n).Select(i => sign * i).ToArray();

    private static Tensor Sizes(params int[] dims) => tf.constant(NDArray.FromArray(dims, dims.Length));

    /// <summary>Builds a graph with <paramref name="build"/> and returns the fetched values as float32.</summary>
    private static float[] Eval(Func<Tensor> build)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = build();
            using var sess = tf.Session(g);
            return sess.Run(y).ToArray<float>();
        }
    }

    private static void Same(float[] expected, float[] actual) => Assert.Equal(expected, actual);

    private static Shape StaticShape(Func<Tensor> build)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            return build().Shape;
        }
    }

    private static string BuildError(Func<Tensor> build)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            return Assert.Throws<GraphException>(() => build()).Message;
        }
    }

    // x = 1..9 as a 3x3 image, f = [[1, 2], [3, 4]].
    private static Tensor X3() => C(Range(9), 1, 3, 3, 1);

    private static Tensor F2() => C([1, 2, 3, 4], 2, 2, 1, 1);

    [Fact]
    public void Conv2d_SAME_with_an_even_kernel_and_stride_2_pads_the_extra_row_and_column_at_the_bottom_right()
    {
        // 3x3 input: out = ceil(3/2) = 2, pad_total = 1, pad_top = 0, so windows start at rows/cols 0 and 2.
        Same([37f, 21, 23, 9], Eval(() => tf.nn.conv2d(X3(), F2(), [1, 2, 2, 1], "SAME")));
    }

    [Fact]
    public void Conv2d_SAME_with_an_even_kernel_and_stride_2_on_an_even_input_needs_no_padding()
    {
        // 4x4 input 1..16: out = 2, pad_total = 0.
        Same([44f, 64, 124, 144], Eval(() => tf.nn.conv2d(C(Range(16), 1, 4, 4, 1), F2(), [1, 2, 2, 1], "SAME")));
    }

    [Fact]
    public void Conv2d_SAME_with_an_even_kernel_and_stride_1_pads_only_the_bottom_and_right()
    {
        Same([37f, 47, 21, 67, 77, 33, 23, 26, 9], Eval(() => tf.nn.conv2d(X3(), F2(), [1, 1, 1, 1], "SAME")));
    }

    [Fact]
    public void Conv2d_VALID_uses_only_full_windows()
    {
        Same([37f, 47, 67, 77], Eval(() => tf.nn.conv2d(X3(), F2(), [1, 1, 1, 1], "VALID")));
    }

    [Fact]
    public void Conv2d_mixes_channels_in_filter_order_height_width_in_out()
    {
        // x[h, w, :] = [1, 2], [3, 4], [5, 6], [7, 8]; a 1x1 filter [[1, 2], [3, 4]] maps channels c -> o.
        Same([7f, 10, 15, 22, 23, 34, 31, 46], Eval(() => tf.nn.conv2d(C(Range(8), 1, 2, 2, 2), C([1, 2, 3, 4], 1, 1, 2, 2), [1, 1, 1, 1], "VALID")));

        // A 2x2x2x1 filter 1..8 in (h, w, c) order over the same input: Σ i·i for i = 1..8.
        Same([204f], Eval(() => tf.nn.conv2d(C(Range(8), 1, 2, 2, 2), C(Range(8), 2, 2, 2, 1), [1, 1, 1, 1], "VALID")));
    }

    [Fact]
    public void Conv2d_with_dilations_spreads_the_kernel_taps()
    {
        // 5x5 input 1..25, a 2x2 ones filter dilated by 2 (k_eff = 3): out[i, j] = x[i,j] + x[i,j+2] + x[i+2,j] + x[i+2,j+2].
        Same([28f, 32, 36, 48, 52, 56, 68, 72, 76],
            Eval(() => tf.nn.conv2d(C(Range(25), 1, 5, 5, 1), C([1, 1, 1, 1], 2, 2, 1, 1), [1, 1, 1, 1], "VALID", dilations: [1, 2, 2, 1])));

        // SAME on 3x3: k_eff = 3, one row/column of padding on each side.
        Same([5f, 10, 5, 10, 20, 10, 5, 10, 5],
            Eval(() => tf.nn.conv2d(X3(), C([1, 1, 1, 1], 2, 2, 1, 1), [1, 1, 1, 1], "SAME", dilations: [1, 2, 2, 1])));
    }

    [Fact]
    public void Conv2d_backprops_match_hand_computed_values()
    {
        static Tensor Dy() => C([1, 1, 1, 1], 1, 2, 2, 1);

        // Stride-2 windows of a 2x2 kernel tile the 3x3 input without overlap: each pixel gets its one filter tap.
        Same([1f, 2, 1, 3, 4, 3, 1, 2, 1],
            Eval(() => tf.nn.conv2d_backprop_input(Sizes(1, 3, 3, 1), F2(), Dy(), [1, 2, 2, 1], "SAME")));

        // df[kh, kw] = Σ over windows of x[2·oh + kh, 2·ow + kw] (padding contributes nothing).
        Same([20f, 10, 10, 5],
            Eval(() => tf.nn.conv2d_backprop_filter(X3(), Sizes(2, 2, 1, 1), Dy(), [1, 2, 2, 1], "SAME")));
    }

    [Fact]
    public void Conv2d_gradients_are_its_backprop_ops()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3, 3, 1]);
            var y = tf.nn.conv2d(x, F2(), [1, 2, 2, 1], "SAME");
            var grads = tf.gradients(y, x);
            Assert.Equal("Conv2DBackpropInput", grads[0]!.Op.Type);
            using var sess = tf.Session(g);
            var dx = sess.Run(grads[0]!, new FeedDict { [x] = NDArray.FromArray(Range(9), 1, 3, 3, 1) });
            Same([1f, 2, 1, 3, 4, 3, 1, 2, 1], dx.ToArray<float>());
        }
    }

    [Fact]
    public void Depthwise_conv2d_gives_each_input_channel_its_own_filters()
    {
        // x[h, w, :] = [1, 2], [3, 4], [5, 6], [7, 8]; f[0, 0, c, m] = [[1, 2], [3, 4]]: y[..., 2c + m] = x[c] · f[c, m].
        Same([1f, 2, 6, 8, 3, 6, 12, 16, 5, 10, 18, 24, 7, 14, 24, 32],
            Eval(() => tf.nn.depthwise_conv2d(C(Range(8), 1, 2, 2, 2), C([1, 2, 3, 4], 1, 1, 2, 2), [1, 1, 1, 1], "VALID")));

        // rate 2 on one channel is the dilated convolution.
        Same([5f, 10, 5, 10, 20, 10, 5, 10, 5],
            Eval(() => tf.nn.depthwise_conv2d(X3(), C([1, 1, 1, 1], 2, 2, 1, 1), [1, 1, 1, 1], "SAME", rate: [2, 2])));
    }

    [Fact]
    public void Max_pool_SAME_ignores_padding()
    {
        // -1..-9: padded zeros would win every border window if padding counted.
        Same([-1f, -3, -7, -9], Eval(() => tf.nn.max_pool(C(Range(9, -1), 1, 3, 3, 1), [1, 2, 2, 1], [1, 2, 2, 1], "SAME")));
        Same([5f, 6, 8, 9], Eval(() => tf.nn.max_pool(X3(), [2, 2], [2, 2], "SAME")));
    }

    [Fact]
    public void Max_pool_gradient_routes_each_window_to_its_first_maximum()
    {
        // Overlapping 2x2 windows (stride 1) over
        //   1 3 3
        //   3 2 0
        //   0 0 3
        // first maxima: (0,1), (0,1), (1,0), (2,2); dy = [1, 2, 3, 4].
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = C([1, 3, 3, 3, 2, 0, 0, 0, 3], 1, 3, 3, 1);
            var y = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 1, 1, 1], "VALID");
            var dx = tf.gradients(y, x, grad_ys: C([1, 2, 3, 4], 1, 2, 2, 1))[0]!;
            Assert.Equal("MaxPoolGrad", dx.Op.Type);
            using var sess = tf.Session(g);
            Same([3f, 3, 3, 3], sess.Run(y).ToArray<float>());
            Same([0f, 3, 0, 3, 0, 0, 0, 0, 4], sess.Run(dx).ToArray<float>());
        }

        // All four equal: the whole gradient goes to the first.
        Same([5f, 0, 0, 0], Eval(() =>
        {
            var x = C([2, 2, 2, 2], 1, 2, 2, 1);
            return tf.gradients(tf.nn.max_pool(x, [2, 2], [2, 2], "VALID"), x, grad_ys: C([5], 1, 1, 1, 1))[0]!;
        }));
    }

    [Fact]
    public void Avg_pool_SAME_averages_only_the_input_elements_a_border_window_covers()
    {
        Same([3f, 4.5f, 7.5f, 9], Eval(() => tf.nn.avg_pool(X3(), [1, 2, 2, 1], [1, 2, 2, 1], "SAME")));
        Same([3f, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7], Eval(() => tf.nn.avg_pool(X3(), [1, 3, 3, 1], [1, 1, 1, 1], "SAME")));
    }

    [Fact]
    public void Avg_pool_gradient_shares_each_output_among_the_elements_it_averaged()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = X3();
            var dx = tf.gradients(tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"), x)[0]!;
            Assert.Equal("AvgPoolGrad", dx.Op.Type);
            using var sess = tf.Session(g);
            Same([0.25f, 0.25f, 0.5f, 0.25f, 0.25f, 0.5f, 0.5f, 0.5f, 1], sess.Run(dx).ToArray<float>());
        }
    }

    [Fact]
    public void Bias_add_adds_along_the_last_dimension_and_its_gradient_sums_the_rest()
    {
        Same([11f, 22, 33, 14, 25, 36], Eval(() => tf.nn.bias_add(C(Range(6), 2, 3), C([10, 20, 30], 3))));
        Same([11f, 12, 23, 24], Eval(() => tf.nn.bias_add(C(Range(4), 1, 2, 1, 2), C([10, 20], 2), "NCHW")));
        var g = new Graph();
        using (g.AsDefault())
        {
            var b = C([10, 20, 30], 3);
            var db = tf.gradients(tf.nn.bias_add(C(Range(6), 2, 3), b), b, grad_ys: C(Range(6), 2, 3))[0]!;
            Assert.Equal("BiasAddGrad", db.Op.Type);
            using var sess = tf.Session(g);
            Same([5f, 7, 9], sess.Run(db).ToArray<float>());
        }
    }

    [Fact]
    public void Static_shapes_keep_an_unknown_batch_dimension()
    {
        static Tensor X() => tf.placeholder(tf.float32, [-1, 28, 28, 3]);
        static Tensor F() => tf.placeholder(tf.float32, [5, 5, 3, 8]);
        Assert.Equal(new Shape(-1, 14, 14, 8), StaticShape(() => tf.nn.conv2d(X(), F(), [1, 2, 2, 1], "SAME")));
        Assert.Equal(new Shape(-1, 24, 24, 8), StaticShape(() => tf.nn.conv2d(X(), F(), [1, 1, 1, 1], "VALID")));
        Assert.Equal(new Shape(-1, 20, 20, 8), StaticShape(() => tf.nn.conv2d(X(), F(), [1, 1, 1, 1], "VALID", dilations: [1, 2, 2, 1])));
        Assert.Equal(new Shape(-1, -1, -1, 8), StaticShape(() => tf.nn.conv2d(tf.placeholder(tf.float32, [-1, -1, -1, 3]), F(), [1, 2, 2, 1], "SAME")));
        Assert.Equal(new Shape(-1, 10, 10, 6),
            StaticShape(() => tf.nn.depthwise_conv2d(tf.placeholder(tf.float32, [-1, 10, 10, 3]), tf.placeholder(tf.float32, [3, 3, 3, 2]), [1, 1, 1, 1], "SAME")));
        Assert.Equal(new Shape(-1, 14, 14, 3), StaticShape(() => tf.nn.max_pool(X(), [1, 2, 2, 1], [1, 2, 2, 1], "SAME")));
        Assert.Equal(new Shape(-1, 13, 13, 3), StaticShape(() => tf.nn.avg_pool(X(), [1, 3, 3, 1], [1, 2, 2, 1], "VALID")));
        Assert.Equal(new Shape(-1, 5), StaticShape(() => tf.nn.bias_add(tf.placeholder(tf.float32, [-1, 5]), tf.placeholder(tf.float32, [5]))));
        Assert.Equal(new Shape(5), StaticShape(() => StaticGraph.Ops.ConvOps.BiasAddGrad(tf.placeholder(tf.float32, [-1, 5]), "NHWC", null)));
        Assert.Equal(new Shape(-1, -1, -1, -1), StaticShape(() =>
            tf.nn.conv2d_backprop_input(tf.placeholder(tf.int32, [4]), F(), tf.placeholder(tf.float32, [-1, 14, 14, 8]), [1, 2, 2, 1], "SAME")));
    }

    [Fact]
    public void Gradients_of_every_op_keep_the_input_static_shapes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 28, 28, 3]);
            var f = tf.placeholder(tf.float32, [5, 5, 3, 8]);
            var df = tf.placeholder(tf.float32, [3, 3, 3, 2]);
            var b = tf.placeholder(tf.float32, [3]);
            Tensor[] ys =
            [
                tf.reduce_sum(tf.nn.conv2d(x, f, [1, 2, 2, 1], "SAME")),
                tf.reduce_sum(tf.nn.depthwise_conv2d(x, df, [1, 1, 1, 1], "VALID")),
                tf.reduce_sum(tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")),
                tf.reduce_sum(tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], "VALID")),
                tf.reduce_sum(tf.nn.bias_add(x, b)),
            ];
            foreach (var y in ys)
            {
                var grads = tf.gradients(y, new[] { x, f, df, b });
                Assert.Equal(new Shape(-1, 28, 28, 3), grads[0]!.Shape);
                Assert.All(grads.Skip(1).Where(d => d is not null), d => Assert.True(d!.Shape.IsFullyDefined));
            }
        }
    }

    [Fact]
    public void Mismatched_channels_wrong_ranks_and_NCHW_are_graph_errors()
    {
        static Tensor X() => tf.placeholder(tf.float32, [1, 4, 4, 3]);
        Assert.Contains("input depth 3 does not match the filter's input depth 2",
            BuildError(() => tf.nn.conv2d(X(), tf.placeholder(tf.float32, [2, 2, 2, 4]), [1, 1, 1, 1], "SAME")), StringComparison.Ordinal);
        Assert.Contains("must have rank 4",
            BuildError(() => tf.nn.conv2d(tf.placeholder(tf.float32, [4, 4, 3]), tf.placeholder(tf.float32, [2, 2, 3, 4]), [1, 1, 1, 1], "SAME")), StringComparison.Ordinal);
        Assert.Contains("must have rank 4", BuildError(() => tf.nn.max_pool(tf.placeholder(tf.float32, [4, 4]), [1, 2, 2, 1], [1, 2, 2, 1], "SAME")), StringComparison.Ordinal);
        Assert.Contains("only NHWC runs on CPU",
            BuildError(() => tf.nn.conv2d(X(), tf.placeholder(tf.float32, [2, 2, 3, 4]), [1, 1, 1, 1], "SAME", data_format: "NCHW")), StringComparison.Ordinal);
        Assert.Contains("only NHWC runs on CPU",
            BuildError(() => tf.nn.max_pool(X(), [1, 1, 2, 2], [1, 1, 2, 2], "SAME", data_format: "NCHW")), StringComparison.Ordinal);
        Assert.Contains("bias has 4 entries but value has 3 channels",
            BuildError(() => tf.nn.bias_add(X(), tf.placeholder(tf.float32, [4]))), StringComparison.Ordinal);
        Assert.Contains("Computed output size would be negative",
            BuildError(() => tf.nn.conv2d(tf.placeholder(tf.float32, [1, 2, 2, 3]), tf.placeholder(tf.float32, [4, 4, 3, 1]), [1, 1, 1, 1], "VALID")), StringComparison.Ordinal);
        Assert.Contains("EXPLICIT padding is not supported",
            BuildError(() => tf.nn.conv2d(X(), tf.placeholder(tf.float32, [2, 2, 3, 4]), [1, 1, 1, 1], "EXPLICIT")), StringComparison.Ordinal);
        Assert.Contains("batch and depth dimensions",
            BuildError(() => tf.nn.conv2d(X(), tf.placeholder(tf.float32, [2, 2, 3, 4]), [2, 1, 1, 1], "SAME")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_mismatch_only_known_at_run_time_is_an_invalid_argument()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, -1, -1, -1]);
            var y = tf.nn.conv2d(x, tf.zeros([2, 2, 3, 1]), [1, 1, 1, 1], "SAME");
            using var sess = tf.Session(g);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(y, new FeedDict { [x] = NDArray.Zeros(DType.Float32, [1, 4, 4, 2]) }));
            Assert.Contains("input depth 2", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Large_batches_split_across_cores_and_agree_with_a_direct_loop()
    {
        // 8 images of 10x10x4 with a 3x3x4x5 filter, stride 2 SAME: above the parallel threshold.
        const int n = 8, h = 10, w = 10, c = 4, k = 3, o = 5, s = 2, oh = 5, ow = 5, pad = 0;
        var r = new Random(7);
        var xs = Enumerable.Range(0, n * h * w * c).Select(_ => r.NextDouble() - 0.5).ToArray();
        var fs = Enumerable.Range(0, k * k * c * o).Select(_ => r.NextDouble() - 0.5).ToArray();
        var dys = Enumerable.Range(0, n * oh * ow * o).Select(_ => r.NextDouble() - 0.5).ToArray();
        var expected = new double[n * oh * ow * o];
        for (int b = 0; b < n; b++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    for (int q = 0; q < o; q++)
                    {
                        double sum = 0;
                        for (int a = 0; a < k; a++)
                        {
                            for (int e = 0; e < k; e++)
                            {
                                int ih = (i * s) - pad + a, iw = (j * s) - pad + e;
                                for (int ch = 0; ch < c && ih < h && iw < w; ch++)
                                {
                                    sum += xs[(((b * h) + ih) * w + iw) * c + ch] * fs[(((a * k) + e) * c + ch) * o + q];
                                }
                            }
                        }

                        expected[(((b * oh) + i) * ow + j) * o + q] = sum;
                    }
                }
            }
        }

        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(NDArray.FromArray(xs, n, h, w, c));
            var f = tf.constant(NDArray.FromArray(fs, k, k, c, o));
            var dy = tf.constant(NDArray.FromArray(dys, n, oh, ow, o));
            var y = tf.nn.conv2d(x, f, [1, s, s, 1], "SAME");
            var grads = tf.gradients(y, new[] { x, f }, grad_ys: dy);
            using var sess = tf.Session(g);
            var got = sess.Run(new[] { y, grads[0]!, grads[1]! });
            Assert.All(got[0].ToArray<double>().Zip(expected), p => Assert.Equal(p.Second, p.First, 12));

            // Adjoint identities: ⟨dy, conv(x, f)⟩ = ⟨dx, x⟩ = ⟨df, f⟩ for a conv linear in each argument.
            double inner = dys.Zip(expected, (p, q) => p * q).Sum();
            Assert.Equal(inner, got[1].ToArray<double>().Zip(xs, (p, q) => p * q).Sum(), 10);
            Assert.Equal(inner, got[2].ToArray<double>().Zip(fs, (p, q) => p * q).Sum(), 10);
        }
    }
}
