using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Seed 000's single neuron on CIFAR-10 classes 0 and 1 (airplane vs automobile): the 3,072 planar pixel values
/// scaled to [-1, 1], one sigmoid unit with N(0, 1) weights, mean squared error against the 0/1 label, prediction
/// p > 0.5, Adam 1e-3, batches of 20. Options: --data DIR (cifar-10-batches-py or -bin; synthetic data without it)
/// and <see cref="CifarTraining"/>'s.
/// </summary>
public static class CifarNeuron
{
    public static int Run(string[] args)
    {
        var (train_filenames, test_filenames) = CifarData.Resolve(args);
        var train_data = CifarData.Load(train_filenames, needShuffle: true, classes: [0, 1]);

        tf.reset_default_graph();
        // [None, 3072]
        var x = tf.placeholder(tf.float32, [-1, 3072]);
        // [None]
        var y = tf.placeholder(tf.int64, [-1]);

        // (3072, 1)
        var w = tf.get_variable("w", [x.Shape[-1], 1], initializer: tf.random_normal_initializer(0, 1));
        // (1, )
        var b = tf.get_variable("b", [1], initializer: tf.constant_initializer(0.0));

        // [None, 3072] * [3072, 1] = [None, 1]
        var y_ = tf.matmul(x, w) + b;

        // [None, 1]
        var p_y_1 = tf.nn.sigmoid(y_);
        var y_reshaped = tf.reshape(y, [-1, 1]);
        var y_reshaped_float = tf.cast(y_reshaped, tf.float32);
        var loss = tf.reduce_mean(tf.square(y_reshaped_float - p_y_1));

        // bool
        var predict = p_y_1 > 0.5;
        var correct_prediction = tf.equal(tf.cast(predict, tf.int64), y_reshaped);
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float64));

        Operation train_op;
        using (tf.name_scope("train_op"))
        {
            train_op = tf.train.AdamOptimizer(1e-3).Minimize(loss);
        }

        return CifarTraining.Run(args, train_data, () => CifarData.Load(test_filenames, needShuffle: false, classes: [0, 1]),
            x, y, loss, accuracy, train_op);
    }
}
