using StaticGraph.Tests.Layers;

namespace StaticGraph.Tests.Losses;

/// <summary>TF1's sequence losses on two-class logits [0, ln 3], whose softmax is [1/4, 3/4]: the cross-entropy is
/// ln 4 for target 0 and ln(4/3) for target 1.</summary>
public class SequenceLossTests
{
    private static readonly double L3 = Math.Log(3), A = Math.Log(4), B = Math.Log(4.0 / 3);

    // Two steps, batch two. Step 0 targets [0, 1] → [A, B]; step 1 targets [1, 1] → [B, B]; weights [[1, 2], [0, 1]].
    private static (Tensor[] Logits, Tensor[] Targets, Tensor[] Weights) Lists()
    {
        var logits = tf.constant(new double[,] { { 0, L3 }, { 0, L3 } });
        return ([logits, logits], [tf.constant(new[] { 0, 1 }), tf.constant(new[] { 1, 1 })],
            [tf.constant(new[] { 1.0, 2.0 }), tf.constant(new[] { 0.0, 1.0 })]);
    }

    [Fact]
    public void Legacy_sequence_loss_by_example_sums_weighted_steps_per_example_and_divides_by_their_weights()
    {
        using (new Graph().AsDefault())
        {
            var (logits, targets, weights) = Lists();
            var averaged = tf.contrib.legacy_seq2seq.sequence_loss_by_example(logits, targets, weights);
            var summed = tf.contrib.legacy_seq2seq.sequence_loss_by_example(logits, targets, weights, average_across_timesteps: false);
            var collapsed = tf.contrib.legacy_seq2seq.sequence_loss(logits, targets, weights);
            using var sess = tf.Session();
            double e0 = A * 1, e1 = (B * 2) + (B * 1);
            LayerAssert.Close([e0, e1], sess.Run(summed), 1e-12);
            LayerAssert.Close([e0 / 1, e1 / 3], sess.Run(averaged), 1e-9);
            LayerAssert.Close(((e0 / 1) + (e1 / 3)) / 2, sess.Run(collapsed), 1e-9);
        }
    }

    [Fact]
    public void Legacy_sequence_loss_uses_a_given_softmax_loss_function_and_checks_the_list_lengths()
    {
        using (new Graph().AsDefault())
        {
            var (logits, targets, weights) = Lists();
            var loss = tf.contrib.legacy_seq2seq.sequence_loss_by_example(logits, targets, weights, average_across_timesteps: false,
                softmax_loss_function: (labels, l) => tf.cast(labels, tf.float64) * 10);
            using var sess = tf.Session();
            LayerAssert.Close([0 + 0, (10 * 2) + (10 * 1)], sess.Run(loss), 1e-12);
            var error = Assert.Throws<ArgumentException>(() => tf.contrib.legacy_seq2seq.sequence_loss_by_example(logits, targets[..1], weights));
            Assert.Contains("must be the same 2, 2, 1", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Seq2seq_sequence_loss_averages_over_the_axes_asked_for()
    {
        using (new Graph().AsDefault())
        {
            // [batch 2, time 2, classes 2]; targets [[0, 1], [1, 1]] → xent [[A, B], [B, B]]; weights [[1, 0], [2, 1]].
            var logits = tf.constant(new double[,,] { { { 0, L3 }, { 0, L3 } }, { { 0, L3 }, { 0, L3 } } });
            var targets = tf.constant(new[,] { { 0, 1 }, { 1, 1 } });
            var weights = tf.constant(new double[,] { { 1, 0 }, { 2, 1 } });
            var both = tf.contrib.seq2seq.sequence_loss(logits, targets, weights);
            var perExample = tf.contrib.seq2seq.sequence_loss(logits, targets, weights, average_across_batch: false);
            var perStep = tf.contrib.seq2seq.sequence_loss(logits, targets, weights, average_across_timesteps: false);
            var none = tf.contrib.seq2seq.sequence_loss(logits, targets, weights, average_across_timesteps: false, average_across_batch: false);
            using var sess = tf.Session();
            LayerAssert.Close((A + (2 * B) + B) / 4, sess.Run(both), 1e-9);
            LayerAssert.Close([A / 1, 3 * B / 3], sess.Run(perExample), 1e-9);
            LayerAssert.Close([(A + (2 * B)) / 3, B / 1], sess.Run(perStep), 1e-9);
            LayerAssert.Close([A, 0, 2 * B, B], sess.Run(none), 1e-12);
            Assert.Equal([2, 2], sess.Run(none).Shape.ToArray());
            var error = Assert.Throws<GraphException>(() => tf.contrib.seq2seq.sequence_loss(tf.zeros([2, 2]), targets, weights));
            Assert.Contains("Logits must be a [batch_size x sequence_length x logits] tensor", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Seq2seq_sequence_loss_gradient_matches_finite_differences()
    {
        using (new Graph().AsDefault())
        {
            var logits = tf.placeholder(tf.float64, [2, 3, 4]);
            var loss = tf.contrib.seq2seq.sequence_loss(logits, tf.constant(new[,] { { 0, 3, 1 }, { 2, 2, 0 } }), tf.constant(new double[,] { { 1, 0.5, 0 }, { 2, 1, 1 } }),
                average_across_batch: false);
            double error = tf.test.compute_gradient_error(logits, [2, 3, 4], loss, [2]);
            Assert.True(error < 1e-6, $"gradient error {error}");
        }
    }
}
