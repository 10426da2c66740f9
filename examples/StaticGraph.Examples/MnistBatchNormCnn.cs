using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Seed 001's PyTorch MNIST CNN with batch normalization in TF1 style: two blocks of a 5×5 "same" convolution (16,
/// then 32 filters), batch normalization (PyTorch's momentum 0.1 and eps 1e-5 are TF's momentum 0.9, epsilon 1e-5)
/// fed a training flag, ReLU and 2×2 max pooling, then a dense layer of 10 logits; cross-entropy, Adam 0.01, batches
/// of 64, batch statistics in training and the moving averages for the test (the seed reports 98.24% test accuracy).
/// Options: --data DIR (MNIST IDX files; synthetic digits without it), --epochs N (1), --batch N (64), --steps N (cap
/// on steps per epoch), --print-every N (100).
/// </summary>
public static class MnistBatchNormCnn
{
    public static int Run(string[] args)
    {
        string dir = Mnist.Resolve(args);
        int num_epochs = Paths.IntOption(args, "epochs", 1), batch_size = Paths.IntOption(args, "batch", 64);
        int print_every = Paths.IntOption(args, "print-every", 100);
        var train_dataset = Mnist.Load(dir, train: true, seed: 1);
        var test_dataset = Mnist.Load(dir, train: false, shuffle: false);

        tf.reset_default_graph();
        tf.set_random_seed(1);
        var images = tf.placeholder(tf.float32, [-1, 28, 28, 1], name: "images");
        var labels = tf.placeholder(tf.int32, [-1], name: "labels");
        var training = tf.placeholder(tf.@bool, [], name: "training");

        Tensor Layer(Tensor input, int filters, string name)
        {
            var conv = tf.layers.conv2d(input, filters, 5, padding: "same", name: name + "_conv");
            var bn = tf.layers.batch_normalization(conv, momentum: 0.9, epsilon: 1e-5, training: training, name: name + "_bn");
            return tf.layers.max_pooling2d(tf.nn.relu(bn), 2, 2);
        }

        var layer1 = Layer(images, 16, "layer1");
        var layer2 = Layer(layer1, 32, "layer2");
        var outputs = tf.layers.dense(tf.layers.flatten(layer2), 10, name: "fc");
        var loss = tf.losses.sparse_softmax_cross_entropy(labels: labels, logits: outputs);
        Operation train_op;
        using (tf.control_dependencies(tf.get_collection<Operation>(tf.GraphKeys.UPDATE_OPS).ToArray()))
        {
            train_op = tf.train.AdamOptimizer(0.01).Minimize(loss);
        }

        var correct = tf.reduce_sum(tf.cast(tf.equal(tf.argmax(outputs, 1, output_type: tf.int32), labels), tf.int32));

        int total_step = Math.Min(train_dataset.Count / batch_size, Paths.IntOption(args, "steps", int.MaxValue));
        Console.WriteLine($"{train_dataset.Count} training / {test_dataset.Count} test images, " +
            $"{tf.trainable_variables().Sum(v => v.Shape.NumElements):N0} trainable parameters, {num_epochs} epoch(s) of {total_step} steps");
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 0; epoch < num_epochs; epoch++)
        {
            for (int i = 0; i < total_step; i++)
            {
                var (batch_images, batch_labels) = train_dataset.NextBatch(batch_size);
                var (loss_val, _) = sess.Run((loss, train_op), new FeedDict { [images] = batch_images, [labels] = batch_labels, [training] = true });
                if ((i + 1) % print_every == 0)
                {
                    Console.WriteLine($"Epoch [{epoch + 1}/{num_epochs}], Step [{i + 1}/{total_step}], Loss: {(float)loss_val:F4}");
                }
            }
        }

        // Test the model: batch normalization uses its moving mean and variance (model.eval()).
        int right = 0, total = 0;
        for (int k = 0; k < test_dataset.Count / 100; k++)
        {
            var (test_images, test_labels) = test_dataset.NextBatch(100);
            right += (int)sess.Run(correct, new FeedDict { [images] = test_images, [labels] = test_labels, [training] = false });
            total += 100;
        }

        Console.WriteLine($"Test Accuracy of the model on the {total} test images: {100.0 * right / total} % ({clock.Elapsed.TotalSeconds:F0} s)");
        return 0;
    }
}
