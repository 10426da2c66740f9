namespace StaticGraph.Examples;

/// <summary>
/// Seed 000's convolutional network on CIFAR-10: the planar 3,072 inputs reshaped to [3, 32, 32] and transposed to
/// 32×32×3, three tf.layers blocks of a 3×3 "same" convolution with 32 filters and ReLU followed by 2×2 max pooling,
/// flatten, a dense layer of 10 logits, sparse softmax cross-entropy, Adam 1e-3, batches of 20. Options: --data DIR
/// (synthetic data without it) and <see cref="CifarTraining"/>'s.
/// </summary>
public static class CifarCnn
{
    public static int Run(string[] args) => CifarTraining.RunClassifier(args, x =>
    {
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
        return tf.layers.dense(flatten, 10);
    });
}
