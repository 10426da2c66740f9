namespace StaticGraph.Tests.Ops;

/// <summary>Hand-computed values of the neural-network ops and tf.nn composites.</summary>
public class NnOpsTests
{
    private static readonly double[] Points = [-2, -0.5, 0, 0.5, 7];

    private static double[] Eval(Func<Tensor, Tensor> f, double[] x)
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            return sess.Run(f(tf.constant(x))).ToArray<double>();
        }
    }

    private static void Near(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"entry {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void Activations_match_hand_computed_values_at_negative_zero_and_positive_points()
    {
        Near([0, 0, 0, 0.5, 6], Eval(x => tf.nn.relu6(x), Points));
        Near([-0.8646647167633873, -0.3934693402873666, 0, 0.5, 7], Eval(x => tf.nn.elu(x), Points));
        Near([-1.5201664685956948, -0.6917581878028713, 0, 0.5 * 1.0507009873554805, 7 * 1.0507009873554805], Eval(x => tf.nn.selu(x), Points));
        Near([-0.4, -0.1, 0, 0.5, 7], Eval(x => tf.nn.leaky_relu(x), Points), 1e-7); // alpha is a float attr
        Near([-1, -0.25, 0, 0.5, 7], Eval(x => tf.nn.leaky_relu(x, alpha: 0.5), Points));
        Near([0.1269280110429725, 0.4740769841801067, 0.6931471805599453, 0.9740769841801067, 7.000911466453775], Eval(x => tf.nn.softplus(x), Points));
        Near([-2.0 / 3, -1.0 / 3, 0, 1.0 / 3, 7.0 / 8], Eval(x => tf.nn.softsign(x), Points));
        Near([0, 0, 0, 0.5, 7], Eval(x => tf.nn.relu(x), Points));
    }

    [Fact]
    public void Softplus_and_elu_stay_accurate_far_out_and_near_zero()
    {
        Near([1.9287498479639178e-22, 0, 800], Eval(x => tf.nn.softplus(x), [-50, -800, 800]));
        Near([-9.999999999500001e-11], Eval(x => tf.nn.elu(x), [-1e-10]));
    }

    [Fact]
    public void Activation_gradient_ops_match_their_formulas()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            double[] R(Tensor t) => sess.Run(t).ToArray<double>();
            Tensor C(params double[] v) => tf.constant(v);
            Near([0, 0, 3], R(StaticGraph.Ops.NnOps.ReluGrad(C(1, 2, 3), C(-1, 0, 2), null)));
            // 37 elements: full vectors of 8 doubles, then a scalar tail; x alternates -1, 0, +1.
            double[] dy = [.. Enumerable.Range(1, 37).Select(i => (double)i)];
            double[] x = [.. Enumerable.Range(1, 37).Select(i => (double)((i % 3) - 1))];
            Near([.. Enumerable.Range(1, 37).Select(i => i % 3 == 2 ? (double)i : 0)], R(StaticGraph.Ops.NnOps.ReluGrad(C(dy), C(x), null)));
            Near([0, 1, 0, 0], R(StaticGraph.Ops.NnOps.Relu6Grad(C(1, 1, 1, 1), C(-1, 3, 6, 7), null)));
            Near([1, 2], R(StaticGraph.Ops.NnOps.EluGrad(C(2, 2), C(-0.5, 1), null)));
            Near([0.7580993408473766, 1.0507009873554805], R(StaticGraph.Ops.NnOps.SeluGrad(C(1, 1), C(-1, 2), null)));
            Near([0.3, 1], R(StaticGraph.Ops.NnOps.LeakyReluGrad(C(1, 1), C(-1, 1), 0.3, null)), 1e-7);
            Near([0.5], R(StaticGraph.Ops.NnOps.SoftplusGrad(C(1), C(0), null)));
            Near([0.25], R(StaticGraph.Ops.NnOps.SoftsignGrad(C(1), C(1), null)));
            Near([0.5, 0.16], R(StaticGraph.Ops.NnOps.SigmoidGrad(C(0.5, 0.2), C(2, 1), null)));
            Near([1.5], R(StaticGraph.Ops.NnOps.TanhGrad(C(0.5), C(2), null)));
            Near([0.75], R(StaticGraph.Ops.NnOps.SqrtGrad(C(2), C(3), null)));
            Near([-4], R(StaticGraph.Ops.NnOps.RsqrtGrad(C(2), C(1), null)));
            Near([-12], R(StaticGraph.Ops.NnOps.ReciprocalGrad(C(2), C(3), null)));
        }
    }

    [Fact]
    public void Sigmoid_and_relu_gradients_use_TFs_gradient_ops()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [3]);
            Assert.Equal("SigmoidGrad", tf.gradients(tf.sigmoid(x), x)[0]!.Op.Type);
            Assert.Equal("ReluGrad", tf.gradients(tf.nn.relu(x), x)[0]!.Op.Type);
            Assert.Equal("TanhGrad", tf.gradients(tf.tanh(x), x)[0]!.Op.Type);
        }
    }

    [Fact]
    public void Log_softmax_and_l2_loss_match_hand_computed_values()
    {
        Near([-2.40760596444438, -1.4076059644443801, -0.40760596444438013], Eval(x => tf.nn.log_softmax(x), [1, 2, 3]));
        Near([7], Eval(x => tf.nn.l2_loss(x), [1, 2, 3]));
    }

    [Fact]
    public void Softmax_on_another_axis_transposes_and_an_out_of_range_axis_is_a_clear_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [2, 3]);
            Assert.Equal("Transpose", tf.nn.softmax(x, axis: 0).Op.Type);
            Assert.Equal("Softmax", tf.nn.softmax(x, axis: 1).Op.Type);
            var e = Assert.Throws<GraphException>(() => tf.nn.softmax(x, axis: 2));
            Assert.Contains("axis 2", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Softmax_cross_entropy_with_huge_logits_gives_finite_losses_and_gradients()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var logits = tf.placeholder(tf.float32, [2, 3]);
            var labels = tf.placeholder(tf.float32, [2, 3]);
            var loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels: labels, logits: logits);
            var grads = tf.gradients(tf.reduce_sum(loss), [logits, labels]);
            var feed = new FeedDict
            {
                [logits] = new float[,] { { 1000, 0, -1000 }, { 1000, 0, -1000 } },
                [labels] = new float[,] { { 0.5f, 0.5f, 0 }, { 0, 0, 1 } },
            };
            Assert.Equal(new float[] { 500, 2000 }, sess.Run(loss, feed).ToArray<float>());
            Assert.Equal(new float[] { 0.5f, -0.5f, 0, 1, 0, -1 }, sess.Run(grads[0]!, feed).ToArray<float>());
            Assert.Equal(new float[] { 0, 1000, 2000, 0, 1000, 2000 }, sess.Run(grads[1]!, feed).ToArray<float>());
        }
    }

    [Fact]
    public void TF1_softmax_cross_entropy_passes_no_gradient_to_labels()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var logits = tf.placeholder(tf.float32, [2, 3]);
            var labels = tf.placeholder(tf.float32, [2, 3]);
            var loss = tf.nn.softmax_cross_entropy_with_logits(labels: labels, logits: logits);
            var grads = tf.gradients(loss, [logits, labels]);
            Assert.NotNull(grads[0]);
            Assert.Null(grads[1]);
        }
    }

    [Fact]
    public void Sparse_softmax_cross_entropy_matches_hand_computed_values_for_int32_and_int64_labels()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var logits = tf.constant(new double[,] { { 1, 2, 3 }, { 1, 1, 1 } });
            Near([0.40760596444438013, 1.0986122886681098],
                sess.Run(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new[] { 2, 0 }), logits: logits)).ToArray<double>());
            Near([0.40760596444438013, 1.0986122886681098],
                sess.Run(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: tf.constant(new long[] { 2, 0 }), logits: logits)).ToArray<double>());
        }
    }

    [Fact]
    public void Sparse_softmax_cross_entropy_with_an_out_of_range_label_names_the_label_and_the_range()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var labels = tf.placeholder(tf.int32, [2]);
            var loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels: labels, logits: tf.constant(new float[,] { { 1, 2, 3 }, { 1, 1, 1 } }));
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(loss, new FeedDict { [labels] = new[] { 0, 3 } }));
            Assert.Contains("label value of 3", e.Message, StringComparison.Ordinal);
            Assert.Contains("[0, 3)", e.Message, StringComparison.Ordinal);
            e = Assert.Throws<InvalidArgumentException>(() => sess.Run(loss, new FeedDict { [labels] = new[] { -1, 0 } }));
            Assert.Contains("label value of -1", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sigmoid_and_weighted_cross_entropy_are_stable_with_exact_gradients_at_zero()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.constant(new double[] { -1000, 0, 2 });
            var z = tf.constant(new double[] { 0, 1, 0.5 });
            var loss = tf.nn.sigmoid_cross_entropy_with_logits(labels: z, logits: x);
            Near([0, 0.6931471805599453, 1.1269280110429727], sess.Run(loss).ToArray<double>());
            Near([0, -0.5, 0.8807970779778823 - 0.5], sess.Run(tf.gradients(loss, x)[0]!).ToArray<double>()); // σ(x) - z
            var w = tf.nn.weighted_cross_entropy_with_logits(labels: tf.constant(new double[] { 1, 0 }), logits: tf.constant(new double[] { 0, 0 }), pos_weight: 2);
            Near([2 * 0.6931471805599453, 0.6931471805599453], sess.Run(w).ToArray<double>());
        }
    }

    [Fact]
    public void L2_normalize_moments_and_batch_normalization_match_hand_computed_values()
    {
        Near([0.6, 0.8], Eval(x => tf.nn.l2_normalize(x, axis: 0), [3, 4]));
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.constant(new double[,] { { 1, 2 }, { 3, 4 } });
            var (mean, variance) = tf.nn.moments(x, axes: [0]);
            Near([2, 3], sess.Run(mean).ToArray<double>());
            Near([1, 1], sess.Run(variance).ToArray<double>());
            Assert.Equal(new Shape(1, 2), tf.nn.moments(x, axes: [0], keepdims: true).mean.Shape);
            var y = tf.nn.batch_normalization(tf.constant(new double[] { 1, 2 }), tf.constant(1.0), tf.constant(4.0),
                offset: tf.constant(0.5), scale: tf.constant(2.0), variance_epsilon: 0);
            Near([0.5, 1.5], sess.Run(y).ToArray<double>());
        }
    }

    [Fact]
    public void Fused_batch_norm_in_training_uses_batch_statistics_and_reports_the_Bessel_corrected_variance()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.constant(new double[,,,] { { { { 1, 10 } } }, { { { 3, 20 } } } }); // NHWC [2, 1, 1, 2]
            var (y, mean, variance) = tf.nn.fused_batch_norm(x, tf.constant(new double[] { 1, 2 }), tf.constant(new double[] { 0, 1 }));
            Near([-0.9995003746640602, -0.9999600011980601, 0.9995003746640602, 2.99996000119806], sess.Run(y).ToArray<double>());
            Near([2, 15], sess.Run(mean).ToArray<double>());
            Near([2, 50], sess.Run(variance).ToArray<double>());
        }
    }

    [Fact]
    public void Fused_batch_norm_in_inference_uses_the_given_statistics()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.constant(new double[,,,] { { { { 1, 10 } } }, { { { 3, 20 } } } });
            var (y, mean, variance) = tf.nn.fused_batch_norm(x, tf.constant(new double[] { 1, 2 }), tf.constant(new double[] { 0, 1 }),
                mean: tf.constant(new double[] { 0, 10 }), variance: tf.constant(new double[] { 4, 16 }), is_training: false);
            Near([0.49993751171334166, 1.0, 1.4998125351400249, 5.999843757316417], sess.Run(y).ToArray<double>());
            Near([0, 10], sess.Run(mean).ToArray<double>());
            Near([4, 16], sess.Run(variance).ToArray<double>());
        }
    }

    [Fact]
    public void Top_k_keeps_the_lower_index_first_among_ties()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.constant(new float[,] { { 1, 3, 3, 2, 3 }, { 5, 4, 3, 2, 1 } });
            var (values, indices) = tf.nn.top_k(x, k: 3);
            Assert.Equal(new float[] { 3, 3, 3, 5, 4, 3 }, sess.Run(values).ToArray<float>());
            Assert.Equal(new[] { 1, 2, 4, 0, 1, 2 }, sess.Run(indices).ToArray<int>());
            var (v2, i2) = tf.nn.top_k(tf.constant(new[] { 2, 7, 7, 1 }), k: 2);
            Assert.Equal(new[] { 7, 7 }, sess.Run(v2).ToArray<int>());
            Assert.Equal(new[] { 1, 2 }, sess.Run(i2).ToArray<int>());
        }
    }

    [Fact]
    public void Top_k_with_k_larger_than_the_last_dimension_is_an_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            Assert.Throws<GraphException>(() => tf.nn.top_k(tf.constant(new float[] { 1, 2 }), k: 3));
            var p = tf.placeholder(tf.float32);
            var (values, _) = tf.nn.top_k(p, k: 3);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(values, new FeedDict { [p] = new float[] { 1, 2 } }));
            Assert.Contains("k=3", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Top_k_gradient_scatters_dy_to_the_chosen_indices()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = tf.constant(new double[,] { { 1, 4, 2, 3 } });
            var (values, _) = tf.nn.top_k(x, k: 2);
            var dx = tf.gradients(values * tf.constant(new double[,] { { 10, 20 } }), x)[0]!;
            Assert.Equal(new double[] { 0, 10, 0, 20 }, sess.Run(dx).ToArray<double>());
        }
    }

    [Fact]
    public void In_top_k_counts_ties_as_in_and_rejects_out_of_range_targets()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var p = tf.constant(new float[,] { { 0.1f, 0.9f, 0.5f }, { 0.3f, 0.3f, 0.2f }, { 0.1f, 0.2f, 0.3f } });
            var t = tf.constant(new[] { 2, 1, 5 });
            Assert.Equal(new[] { false, true, false }, sess.Run(tf.nn.in_top_k(p, t, 1)).ToArray<bool>());
            Assert.Equal(new[] { true, true, false }, sess.Run(tf.nn.in_top_k(p, t, 2)).ToArray<bool>());
        }
    }

    [Fact]
    public void Dropout_keeps_about_keep_prob_of_the_units_scaled_by_its_inverse()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            tf.set_random_seed(7);
            var y = sess.Run(tf.nn.dropout(tf.ones([20000]), keep_prob: 0.7)).ToArray<float>();
            var kept = y.Where(v => v != 0).ToArray();
            Assert.InRange(kept.Length / 20000.0, 0.68, 0.72);
            Assert.All(kept, v => Assert.Equal(1 / 0.7f, v, 5));
            var keep = tf.placeholder(tf.float32, []);
            var z = sess.Run(tf.nn.dropout(tf.ones([20000]), keep), new FeedDict { [keep] = 0.25f }).ToArray<float>();
            Assert.InRange(z.Count(v => v != 0) / 20000.0, 0.23, 0.27);
            Assert.All(z.Where(v => v != 0), v => Assert.Equal(4f, v, 5));
        }
    }

    [Fact]
    public void Dropout_with_seeds_repeats_in_a_fresh_graph()
    {
        float[] Draw(int? graphSeed, int? opSeed)
        {
            var g = new Graph();
            using (g.AsDefault())
            using (var sess = new Session(g))
            {
                if (graphSeed is int s)
                {
                    tf.set_random_seed(s);
                }

                return sess.Run(tf.nn.dropout(tf.ones([64]), keep_prob: 0.5, seed: opSeed)).ToArray<float>();
            }
        }

        Assert.Equal(Draw(1, null), Draw(1, null));
        Assert.Equal(Draw(null, 5), Draw(null, 5));
        Assert.NotEqual(Draw(1, 5), Draw(1, 6));
    }
}
