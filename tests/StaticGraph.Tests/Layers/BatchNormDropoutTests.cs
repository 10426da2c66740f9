namespace StaticGraph.Tests.Layers;

/// <summary>tf.layers.batch_normalization (moments and fused paths, UPDATE_OPS, run-time training flag) and
/// tf.layers.dropout, against hand-computed statistics.</summary>
public class BatchNormDropoutTests
{
    private static readonly float[,] X = { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } };

    [Fact]
    public void Batch_normalization_creates_TF1_variables()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3]);
            tf.layers.batch_normalization(x, training: true);
            Assert.Equal(["batch_normalization/gamma:0", "batch_normalization/beta:0"], tf.trainable_variables().Select(v => v.Name));
            Assert.Equal(["batch_normalization/gamma:0", "batch_normalization/beta:0", "batch_normalization/moving_mean:0",
                "batch_normalization/moving_variance:0"], tf.global_variables().Select(v => v.Name));
            var updates = tf.get_default_graph().GetCollection<Operation>(tf.GraphKeys.UPDATE_OPS);
            Assert.Equal(["batch_normalization/AssignMovingAvg", "batch_normalization/AssignMovingAvg_1"], updates.Select(u => u.Name));
            tf.layers.batch_normalization(x);
            Assert.Equal(2, tf.get_default_graph().GetCollection<Operation>(tf.GraphKeys.UPDATE_OPS).Count);
            Assert.Equal("batch_normalization_1/gamma:0", tf.trainable_variables().ElementAt(2).Name);
        }
    }

    [Fact]
    public void Training_normalizes_with_batch_moments_and_updates_the_moving_averages()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.constant(X);
            var y = tf.layers.batch_normalization(x, training: true, name: "bn");
            var infer = tf.layers.batch_normalization(x, training: false, name: "bn", reuse: true);
            var updates = tf.get_default_graph().GetCollection<Operation>(tf.GraphKeys.UPDATE_OPS).ToArray();
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());

            // Column means 4, 5; biased variance (9 + 1 + 1 + 9) / 4 = 5.
            double s = Math.Sqrt(5.001);
            LayerAssert.Close([-3 / s, -3 / s, -1 / s, -1 / s, 1 / s, 1 / s, 3 / s, 3 / s], sess.Run(y));
            sess.Run(tf.group(updates));
            var vars = tf.global_variables().ToArray();
            LayerAssert.Close([0.04, 0.05], sess.Run(vars[2]), 1e-6); // 0 - (0 - 4)·0.01
            LayerAssert.Close([1.04, 1.04], sess.Run(vars[3]), 1e-6); // 1 - (1 - 5)·0.01
            double m = Math.Sqrt(1.041);
            LayerAssert.Close([0.96 / m, 1.95 / m, 2.96 / m, 3.95 / m, 4.96 / m, 5.95 / m, 6.96 / m, 7.95 / m], sess.Run(infer));
        }
    }

    [Fact]
    public void Four_d_inputs_use_FusedBatchNormV3_and_update_with_the_unbiased_variance()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.constant(NDArray.FromArray(new float[] { 1, 2, 3, 4 }, 2, 1, 2, 1));
            var y = tf.layers.batch_normalization(x, training: true);
            Assert.Equal("FusedBatchNormV3", y.Op.Type);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            double s = Math.Sqrt(1.25 + 0.001); // mean 2.5, biased variance 1.25
            LayerAssert.Close([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s], sess.Run(y));
            sess.Run(tf.group(tf.get_default_graph().GetCollection<Operation>(tf.GraphKeys.UPDATE_OPS).ToArray()));
            var vars = tf.global_variables().ToArray();
            LayerAssert.Close([0.025], sess.Run(vars[2]), 1e-6);
            LayerAssert.Close([1 - ((1 - (5.0 / 3)) * 0.01)], sess.Run(vars[3]), 1e-6); // unbiased variance 5/3
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_training_tensor_selects_batch_or_moving_statistics_at_run_time(bool fused)
    {
        using (new Graph().AsDefault())
        {
            var training = tf.placeholder(tf.@bool, []);
            var x = fused ? tf.constant(NDArray.FromArray(new float[] { 1, 2, 3, 4 }, 2, 1, 2, 1)) : tf.constant(new float[,] { { 1 }, { 2 }, { 3 }, { 4 } });
            var y = tf.layers.batch_normalization(x, training: training);
            var update = tf.group(tf.get_default_graph().GetCollection<Operation>(tf.GraphKeys.UPDATE_OPS).ToArray());
            var movingMean = tf.global_variables().ElementAt(2);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            double s = Math.Sqrt(1.251), m = Math.Sqrt(1.001);
            LayerAssert.Close([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s], sess.Run(y, new FeedDict { [training] = true }));
            LayerAssert.Close([1 / m, 2 / m, 3 / m, 4 / m], sess.Run(y, new FeedDict { [training] = false }));
            sess.Run(update, new FeedDict { [training] = false });
            LayerAssert.Close([0], sess.Run(movingMean));
            sess.Run(update, new FeedDict { [training] = true });
            LayerAssert.Close([0.025], sess.Run(movingMean), 1e-6);
        }
    }

    [Fact]
    public void Dropout_is_the_identity_unless_training()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.ones([1000]);
            var off = tf.layers.dropout(x, rate: 0.5);
            Assert.Equal("dropout/Identity", off.Op.Name);
            var on = tf.layers.dropout(x, rate: 0.5, training: true, seed: 1);
            using var sess = tf.Session();
            Assert.All(sess.Run(off).ToArray<float>(), v => Assert.Equal(1f, v));
            var kept = sess.Run(on).ToArray<float>();
            Assert.All(kept, v => Assert.True(v == 0f || v == 2f, $"{v} is neither dropped nor scaled by 1 / (1 - rate)"));
            Assert.InRange(kept.Count(v => v == 2f), 400, 600);
        }
    }

    [Fact]
    public void Dropout_with_a_training_tensor_decides_at_run_time()
    {
        using (new Graph().AsDefault())
        {
            var training = tf.placeholder(tf.@bool, []);
            var y = tf.layers.dropout(tf.ones([1000]), rate: 0.25, training: training);
            using var sess = tf.Session();
            Assert.All(sess.Run(y, new FeedDict { [training] = false }).ToArray<float>(), v => Assert.Equal(1f, v));
            var kept = sess.Run(y, new FeedDict { [training] = true }).ToArray<float>();
            Assert.All(kept, v => Assert.True(v == 0f || Math.Abs(v - (4f / 3)) < 1e-6, $"{v}"));
            Assert.Contains(0f, kept);
        }
    }
}
