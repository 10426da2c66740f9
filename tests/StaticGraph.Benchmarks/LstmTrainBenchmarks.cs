using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Case d: one training step of a BasicLSTM (128 units, forget_bias 1) over 28 steps of 28 inputs for a batch of 32,
/// then dense 10 on the last output, sparse softmax cross-entropy, Adam: <c>tf.nn.dynamic_rnn</c> with a
/// <c>BasicLSTMCell</c>, as the TF1 program writes it (a While loop and its gradient loop).
/// </summary>
public class LstmTrainBenchmarks : SessionBenchmark
{
    private const int Batch = 32, Steps = 28, Input = 28, Units = 128, Classes = 10;

    /// <summary>Matmul FLOPs of one step: per time step the gate product [x, h]·kernel forward, its kernel gradient
    /// and its [x, h] gradient, and the same three for the dense layer. Elementwise work is not counted.</summary>
    public const double FlopsPerStep = 3 * 2.0 * Batch * ((Steps * (Input + Units) * 4.0 * Units) + (Units * Classes));

    private Operation _train = null!;

    /// <summary>Builds the unrolled graph, initializes it and runs one step so the plan is compiled.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Build(() =>
        {
            var x = tf.placeholder(tf.float32, [-1, Steps, Input], name: "x");
            var labels = tf.placeholder(tf.int64, [-1], name: "labels");
            var (outputs, _) = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(Units, forget_bias: 1.0), x, dtype: tf.float32);
            var last = tf.unstack(outputs, Steps, axis: 1)[^1];
            var logits = tf.layers.dense(last, Classes);
            var loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: labels, logits: logits));
            _train = tf.train.AdamOptimizer(1e-3).Minimize(loss);
            return new FeedDict { [x] = RandomData.Batch(Batch, Steps, Input), [labels] = RandomData.Labels(Batch, Classes) };
        });
        Session.Run(_train, Feed);
    }

    /// <summary>Forward through all 28 steps, backward through time, and the Adam updates.</summary>
    [Benchmark]
    public void LstmTrainStep() => Session.Run(_train, Feed);
}
