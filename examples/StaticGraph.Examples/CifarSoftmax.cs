using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Seed 000's softmax regression on all ten CIFAR-10 classes: 3,072 inputs scaled to [-1, 1], a [3072, 10] weight
/// matrix with N(0, 1) entries, sparse softmax cross-entropy (tf.losses), argmax prediction, Adam 1e-3, batches of
/// 20. Options: --data DIR (synthetic data without it) and <see cref="CifarTraining"/>'s.
/// </summary>
public static class CifarSoftmax
{
    public static int Run(string[] args)
    {
        var (train_filenames, test_filenames) = CifarData.Resolve(args);
        var train_data = CifarData.Load(train_filenames, needShuffle: true);

        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 3072]);
        var y = tf.placeholder(tf.int64, [-1]);

        // (3072, 10)
        var w = tf.get_variable("w", [x.Shape[-1], 10], initializer: tf.random_normal_initializer(0, 1));
        // (10, )
        var b = tf.get_variable("b", [10], initializer: tf.constant_initializer(0.0));

        // [None, 3072] * [3072, 10] = [None, 10]
        var y_ = tf.matmul(x, w) + b;

        var loss = tf.losses.sparse_softmax_cross_entropy(labels: y, logits: y_);

        // indices
        var predict = tf.argmax(y_, 1);
        var correct_prediction = tf.equal(predict, y);
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float64));

        Operation train_op;
        using (tf.name_scope("train_op"))
        {
            train_op = tf.train.AdamOptimizer(1e-3).Minimize(loss);
        }

        return CifarTraining.Run(args, train_data, () => CifarData.Load(test_filenames, needShuffle: false), x, y, loss, accuracy, train_op);
    }
}
