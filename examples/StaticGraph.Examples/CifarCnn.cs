using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Seed 000's convolutional network on CIFAR-10: the planar 3,072 inputs reshaped to [3, 32, 32] and transposed to
/// 32×32×3, three tf.layers blocks of a 3×3 "same" convolution with 32 filters and ReLU followed by 2×2 max pooling,
/// flatten, a dense layer of 10 logits, sparse softmax cross-entropy, Adam 1e-3, batches of 20. Options: --data DIR
/// (synthetic data without it) and <see cref="CifarTraining"/>'s.
/// </summary>
public static class CifarCnn
{
    public static int Run(string[] args)
    {
        var (train_filenames, test_filenames) = CifarData.Resolve(args);
        var train_data = CifarData.Load(train_filenames, needShuffle: true);

        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 3072]);
        var y = tf.placeholder(tf.int64, [-1]);
        var x_image = tf.reshape(x, [-1, 3, 32, 32]);
        // 32*32
        x_image = tf.transpose(x_image, perm: [0, 2, 3, 1]);

        // neuron feature_map, output image
        var conv1 = tf.layers.conv2d(x_image, 32, [3, 3], padding: "same", activation: tf.nn.relu, name: "conv1");
        // 16 * 16
        var pooling1 = tf.layers.max_pooling2d(conv1, [2, 2], [2, 2], name: "pool1");
        var conv2 = tf.layers.conv2d(pooling1, 32, [3, 3], padding: "same", activation: tf.nn.relu, name: "conv2");
        // 8 * 8
        var pooling2 = tf.layers.max_pooling2d(conv2, [2, 2], [2, 2], name: "pool2");
        var conv3 = tf.layers.conv2d(pooling2, 32, [3, 3], padding: "same", activation: tf.nn.relu, name: "conv3");
        // 4 * 4 * 32
        var pooling3 = tf.layers.max_pooling2d(conv3, [2, 2], [2, 2], name: "pool3");
        // [None, 4 * 4 * 32]
        var flatten = tf.layers.flatten(pooling3);
        var y_ = tf.layers.dense(flatten, 10);

        var loss = tf.losses.sparse_softmax_cross_entropy(labels: y, logits: y_);
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
