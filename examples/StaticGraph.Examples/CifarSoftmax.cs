namespace StaticGraph.Examples;

/// <summary>
/// Seed 000's softmax regression on all ten CIFAR-10 classes: 3,072 inputs scaled to [-1, 1], a [3072, 10] weight
/// matrix with N(0, 1) entries, sparse softmax cross-entropy (tf.losses), argmax prediction, Adam 1e-3, batches of
/// 20. Options: --data DIR (synthetic data without it) and <see cref="CifarTraining"/>'s.
/// </summary>
public static class CifarSoftmax
{
    public static int Run(string[] args) => CifarTraining.RunClassifier(args, x =>
    {
        // (3072, 10)
        var w = tf.get_variable("w", [x.Shape[-1], 10], initializer: tf.random_normal_initializer(0, 1));
        // (10, )
        var b = tf.get_variable("b", [10], initializer: tf.constant_initializer(0.0));
        // [None, 3072] * [3072, 10] = [None, 10]
        return tf.matmul(x, w) + b;
    });
}
