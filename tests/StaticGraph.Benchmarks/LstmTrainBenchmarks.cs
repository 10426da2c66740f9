using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Case d: one training step of a BasicLSTM (128 units, forget_bias 1) over 28 steps of 28 inputs for a batch of 32,
/// then dense 10 on the last output, sparse softmax cross-entropy, Adam. The cell is unrolled statically from
/// matmul/sigmoid/tanh ops exactly as TF1's <c>BasicLSTMCell</c> computes it (gate order i, j, f, o), with TF1's
/// variable names; it becomes <c>tf.nn.dynamic_rnn</c> once the while_loop-based RNN API exists.
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
            var last = UnrolledLstm(tf.unstack(x, Steps, axis: 1));
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

    // BasicLSTMCell: [i, j, f, o] = [x, h]·kernel + bias; c' = c·σ(f + forget_bias) + σ(i)·tanh(j); h' = tanh(c')·σ(o).
    private static Tensor UnrolledLstm(Tensor[] inputs)
    {
        using var scope = tf.variable_scope("rnn/basic_lstm_cell");
        var kernel = tf.get_variable("kernel", [Input + Units, 4 * Units]);
        var bias = tf.get_variable("bias", [4 * Units], initializer: tf.zeros_initializer());
        Tensor c = tf.zeros([Batch, Units]), h = tf.zeros([Batch, Units]);
        foreach (var input in inputs)
        {
            var gates = tf.split(tf.matmul(tf.concat([input, h], 1), kernel) + bias, 4, axis: 1);
            c = (c * tf.sigmoid(gates[2] + 1f)) + (tf.sigmoid(gates[0]) * tf.tanh(gates[1]));
            h = tf.tanh(c) * tf.sigmoid(gates[3]);
        }

        return h;
    }
}
