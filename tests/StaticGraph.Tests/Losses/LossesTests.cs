using StaticGraph.Tests.Layers;

namespace StaticGraph.Tests.Losses;

/// <summary>tf.losses against hand-computed values: per-element formulas, weights, every reduction (TF1's default
/// divides by the number of non-zero weights, 0 when there are none) and the LOSSES collection.</summary>
public class LossesTests
{
    private static readonly float[] Labels = [1, 2, 3, 4];
    private static readonly float[] Predictions = [2, 2, 5, 0]; // errors 1, 0, 2, -4

    private static double Run(Tensor t)
    {
        using var sess = tf.Session();
        return LayerAssert.Doubles(sess.Run(t))[0];
    }

    [Fact]
    public void Mean_squared_error_divides_by_the_number_of_nonzero_weights()
    {
        using (new Graph().AsDefault())
        {
            var y = tf.constant(Labels);
            var p = tf.constant(Predictions);
            Assert.Equal(21.0 / 4, Run(tf.losses.mean_squared_error(y, p)), 5);
            Assert.Equal(2 * 21.0 / 4, Run(tf.losses.mean_squared_error(y, p, weights: 2.0)), 5);
            var w = tf.constant(new float[] { 1, 0, 2, 0 });
            Assert.Equal(9.0 / 2, Run(tf.losses.mean_squared_error(y, p, weights: w)), 5); // (1 + 8) / 2 non-zero weights
            Assert.Equal(0.0, Run(tf.losses.mean_squared_error(y, p, weights: tf.zeros([4]))));
            Assert.Equal(0.0, Run(tf.losses.mean_squared_error(y, p, weights: 0.0)));
        }
    }

    [Fact]
    public void Every_reduction_follows_TF1()
    {
        using (new Graph().AsDefault())
        {
            var y = tf.constant(Labels);
            var p = tf.constant(Predictions);
            var w = tf.constant(new float[] { 1, 0, 2, 0 });
            Assert.Equal(9.0, Run(tf.losses.mean_squared_error(y, p, w, reduction: tf.losses.Reduction.SUM)), 5);
            Assert.Equal(3.0, Run(tf.losses.mean_squared_error(y, p, w, reduction: tf.losses.Reduction.MEAN)), 5);
            Assert.Equal(2.25, Run(tf.losses.mean_squared_error(y, p, w, reduction: tf.losses.Reduction.SUM_OVER_BATCH_SIZE)), 5);
            Assert.Equal(4.5, Run(tf.losses.mean_squared_error(y, p, w, reduction: tf.losses.Reduction.SUM_OVER_NONZERO_WEIGHTS)), 5);
            var none = tf.losses.mean_squared_error(y, p, w, reduction: tf.losses.Reduction.NONE);
            using var sess = tf.Session();
            LayerAssert.Close([1, 0, 8, 0], sess.Run(none));
            Assert.Throws<ArgumentException>(() => tf.losses.mean_squared_error(y, p, reduction: "bogus"));
        }
    }

    [Fact]
    public void Regression_losses_match_their_formulas()
    {
        using (new Graph().AsDefault())
        {
            var y = tf.constant(Labels);
            var p = tf.constant(Predictions);
            Assert.Equal(7.0 / 4, Run(tf.losses.absolute_difference(y, p)), 5);
            Assert.Equal((0.5 + 0 + 1.5 + 3.5) / 4, Run(tf.losses.huber_loss(y, p)), 5); // quadratic inside delta 1, linear outside
            Assert.Equal((0.5 + 0 + 2 + 6) / 4, Run(tf.losses.huber_loss(y, p, delta: 2.0)), 5); // 0.5·q² + 2·(|e| - q), q = min(|e|, 2)
        }
    }

    [Fact]
    public void Classification_losses_match_their_formulas()
    {
        using (new Graph().AsDefault())
        {
            double ln2 = Math.Log(2), softplus2 = Math.Log(1 + Math.Exp(2));
            Assert.Equal((-Math.Log(0.8 + 1e-7) - Math.Log(0.6 + 1e-7)) / 2,
                Run(tf.losses.log_loss(tf.constant(new float[] { 1, 0 }), tf.constant(new float[] { 0.8f, 0.4f }))), 5);
            Assert.Equal(0.5 / 3, Run(tf.losses.hinge_loss(tf.constant(new float[] { 1, 0, 1 }), tf.constant(new float[] { 0.5f, -2, 2 }))), 5);

            var z = tf.constant(new float[] { 1, 0 });
            var logits = tf.constant(new float[] { 0, 2 });
            Assert.Equal((ln2 + softplus2) / 2, Run(tf.losses.sigmoid_cross_entropy(z, logits)), 5);
            Assert.Equal((ln2 + softplus2 - 0.2) / 2, Run(tf.losses.sigmoid_cross_entropy(z, logits, label_smoothing: 0.2)), 5); // labels 0.9, 0.1

            var onehot = tf.constant(new float[,] { { 1, 0 }, { 1, 0 } });
            var logits2 = tf.constant(new float[,] { { 1, 1 }, { 2, 0 } });
            double second = Math.Log(1 + Math.Exp(-2));
            Assert.Equal((ln2 + second) / 2, Run(tf.losses.softmax_cross_entropy(onehot, logits2)), 5);
            Assert.Equal(2 * ln2, Run(tf.losses.softmax_cross_entropy(onehot, logits2, weights: tf.constant(new float[] { 2, 0 }))), 5);
            Assert.Equal((ln2 + (0.75 * second) + (0.25 * (2 + second))) / 2,
                Run(tf.losses.softmax_cross_entropy(onehot, logits2, label_smoothing: 0.5)), 5); // labels 0.75, 0.25
            Assert.Equal((ln2 + softplus2) / 2, Run(tf.losses.sparse_softmax_cross_entropy(tf.constant(new[] { 0, 1 }), logits2)), 5);
        }
    }

    [Fact]
    public void Losses_are_collected_and_summed_with_the_regularization_losses()
    {
        using (new Graph().AsDefault())
        {
            var a = tf.losses.absolute_difference(tf.constant(Labels), tf.constant(Predictions));
            var b = tf.losses.mean_squared_error(tf.constant(Labels), tf.constant(Predictions));
            Assert.Equal([a, b], tf.losses.get_losses());
            Assert.Equal("absolute_difference/weighted_loss/value:0", a.Name);
            Assert.Equal(7.0 / 4 + (21.0 / 4), Run(tf.losses.get_total_loss()), 5);
            tf.get_variable("w", [2], initializer: tf.ones_initializer(), regularizer: tf.contrib.layers.l2_regularizer(1.0));
            var total = tf.losses.get_total_loss();
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            Assert.Equal(7.0 / 4 + (21.0 / 4) + 1, LayerAssert.Doubles(sess.Run(total))[0], 5);
            Assert.Equal(7.0, LayerAssert.Doubles(sess.Run(tf.losses.get_total_loss(add_regularization_losses: false)))[0], 5);
        }
    }
}
