using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Case c: TF's "deep MNIST" CNN on a batch of 64 28×28×1 images: conv 5×5×32 SAME + ReLU + max-pool 2, conv 5×5×64
/// SAME + ReLU + max-pool 2, dense 1024 ReLU, dense 10, sparse softmax cross-entropy, Adam; a training step and an
/// inference (logits only) step, through the session.
/// </summary>
public class CnnBenchmarks : SessionBenchmark
{
    private const int Batch = 64, Classes = 10;

    // Multiply-add FLOPs of each layer's forward pass: conv1 28·28 positions × 5·5·1 → 32; conv2 14·14 × 5·5·32 → 64;
    // dense 7·7·64 → 1024; dense 1024 → 10.
    private const double Conv1 = 2.0 * Batch * 28 * 28 * 25 * 1 * 32;
    private const double Rest = 2.0 * Batch * ((14 * 14 * 25 * 32 * 64) + (7 * 7 * 64 * 1024) + (1024 * Classes));

    /// <summary>Conv and matmul FLOPs of one inference step (the forward pass).</summary>
    public const double InferenceFlops = Conv1 + Rest;

    /// <summary>Conv and matmul FLOPs of one training step: forward, plus the filter gradient of conv1 (the fed
    /// images need no gradient) and both the weight and the input gradients of every later layer.</summary>
    public const double TrainFlops = (2 * Conv1) + (3 * Rest);

    private Operation _train = null!;
    private Tensor _logits = null!;

    /// <summary>Builds the graph, initializes it and runs both steps once so their plans are compiled.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Build(() =>
        {
            var x = tf.placeholder(tf.float32, [-1, 28, 28, 1], name: "x");
            var labels = tf.placeholder(tf.int64, [-1], name: "labels");
            var conv1 = tf.layers.conv2d(x, 32, 5, padding: "same", activation: tf.nn.relu);
            var pool1 = tf.layers.max_pooling2d(conv1, 2, 2);
            var conv2 = tf.layers.conv2d(pool1, 64, 5, padding: "same", activation: tf.nn.relu);
            var pool2 = tf.layers.max_pooling2d(conv2, 2, 2);
            var dense = tf.layers.dense(tf.layers.flatten(pool2), 1024, activation: tf.nn.relu);
            _logits = tf.layers.dense(dense, Classes);
            var loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: labels, logits: _logits));
            _train = tf.train.AdamOptimizer(1e-4).Minimize(loss);
            return new FeedDict { [x] = RandomData.Batch(Batch, 28, 28, 1), [labels] = RandomData.Labels(Batch, Classes) };
        });
        Session.Run(_train, Feed);
        Session.Run(_logits, Feed);
    }

    /// <summary>Forward, backward and the Adam updates.</summary>
    [Benchmark]
    public void CnnTrainStep() => Session.Run(_train, Feed);

    /// <summary>The forward pass to the logits.</summary>
    [Benchmark]
    public NDArray CnnInference() => Session.Run(_logits, Feed);
}
