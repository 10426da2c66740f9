using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Case b: one training step of a 784-256 ReLU-10 network on a batch of 128, sparse softmax cross-entropy, plain
/// gradient descent at 0.1 (TF1's <c>GradientDescentOptimizer(0.1).minimize(loss)</c>), through the session.
/// </summary>
public class MlpTrainBenchmarks : SessionBenchmark
{
    private const int Batch = 128, In = 784, Hidden = 256, Classes = 10;

    /// <summary>Matmul FLOPs of one step: the forward products x·W1 and h·W2, then dW1, dW2 and dh (the fed input
    /// needs no gradient). Elementwise work is not counted.</summary>
    public const double FlopsPerStep = 2.0 * Batch * ((2.0 * In * Hidden) + (3.0 * Hidden * Classes));

    private Operation _train = null!;

    /// <summary>Builds the graph, initializes it and runs one step so the plan is compiled.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Build(() =>
        {
            var x = tf.placeholder(tf.float32, [-1, In], name: "x");
            var labels = tf.placeholder(tf.int64, [-1], name: "labels");
            var hidden = tf.layers.dense(x, Hidden, activation: tf.nn.relu);
            var logits = tf.layers.dense(hidden, Classes);
            var loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: labels, logits: logits));
            _train = tf.train.GradientDescentOptimizer(0.1).Minimize(loss);
            return new FeedDict { [x] = RandomData.Batch(Batch, In), [labels] = RandomData.Labels(Batch, Classes) };
        });
        Session.Run(_train, Feed);
    }

    /// <summary>Forward, backward and the variable updates.</summary>
    [Benchmark]
    public void MlpTrainStep() => Session.Run(_train, Feed);
}
