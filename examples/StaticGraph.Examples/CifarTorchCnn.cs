using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Seed 001's PyTorch CIFAR-10 classifier (the "training a classifier" tutorial's net) in TF1 style: inputs
/// normalized to [-1, 1], conv 5×5 (6) + ReLU + 2×2 max-pool, conv 5×5 (16) + ReLU + max-pool, dense 120, 84, 10,
/// cross-entropy, Momentum 0.9 with lr 1e-4, batches of 16; prints the running loss every 2,000 mini-batches, the
/// test accuracy and the accuracy per class. Options: --data DIR (synthetic data without it), --epochs N (2),
/// --batch N (16), --lr X (1e-4), --print-every N (2000), --steps N (cap on steps per epoch).
/// </summary>
public static class CifarTorchCnn
{
    public static int Run(string[] args)
    {
        var (train_files, test_files) = CifarData.Resolve(args);
        var trainset = CifarData.Load(train_files, needShuffle: true, seed: 1);
        var testset = CifarData.Load(test_files, needShuffle: false);
        int epochs = Paths.IntOption(args, "epochs", 2), batch_size = Paths.IntOption(args, "batch", 16);
        int print_every = Paths.IntOption(args, "print-every", 2000);
        double lr = double.Parse(Paths.Option(args, "lr", "1e-4")!, System.Globalization.CultureInfo.InvariantCulture);

        tf.reset_default_graph();
        tf.set_random_seed(1);
        var inputs = tf.placeholder(tf.float32, [-1, 3072], name: "inputs");
        var labels = tf.placeholder(tf.int32, [-1], name: "labels");
        var x = tf.transpose(tf.reshape(inputs, [-1, 3, 32, 32]), perm: [0, 2, 3, 1]);
        x = tf.layers.max_pooling2d(tf.layers.conv2d(x, 6, 5, activation: tf.nn.relu, name: "conv1"), 2, 2);
        x = tf.layers.max_pooling2d(tf.layers.conv2d(x, 16, 5, activation: tf.nn.relu, name: "conv2"), 2, 2);
        x = tf.layers.flatten(x);
        x = tf.layers.dense(x, 120, activation: tf.nn.relu, name: "fc1");
        x = tf.layers.dense(x, 84, activation: tf.nn.relu, name: "fc2");
        var outputs = tf.layers.dense(x, 10, name: "fc3");
        var loss = tf.losses.sparse_softmax_cross_entropy(labels: labels, logits: outputs);
        var train_op = tf.train.MomentumOptimizer(lr, momentum: 0.9).Minimize(loss);
        var predicted = tf.argmax(outputs, 1, output_type: tf.int32);
        Console.WriteLine($"{tf.trainable_variables().Sum(v => v.Shape.NumElements):N0} parameters");

        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        int steps = Math.Min(trainset.Count / batch_size, Paths.IntOption(args, "steps", int.MaxValue));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 0; epoch < epochs; epoch++)   // loop over the dataset multiple times
        {
            double running_loss = 0.0;
            for (int i = 0; i < steps; i++)
            {
                var (batch_inputs, batch_labels) = trainset.NextBatch(batch_size);
                var (loss_val, _) = sess.Run((loss, train_op), new FeedDict { [inputs] = batch_inputs, [labels] = batch_labels });
                running_loss += (float)loss_val;
                if (i % print_every == print_every - 1)
                {
                    Console.WriteLine($"[{epoch + 1}, {i + 1,5}] loss: {running_loss / print_every:F3}");
                    running_loss = 0.0;
                }
            }
        }

        Console.WriteLine($"Finished Training ({clock.Elapsed.TotalSeconds:F0} s)");
        var class_correct = new int[10];
        var class_total = new int[10];
        for (int k = 0; k < testset.Count / batch_size; k++)
        {
            var (test_inputs, test_labels) = testset.NextBatch(batch_size);
            var guess = sess.Run(predicted, new FeedDict { [inputs] = test_inputs }).ToArray<int>();
            var truth = test_labels.ToArray<int>();
            for (int j = 0; j < truth.Length; j++)
            {
                class_total[truth[j]]++;
                class_correct[truth[j]] += guess[j] == truth[j] ? 1 : 0;
            }
        }

        Console.WriteLine($"Accuracy of the network on the {class_total.Sum()} test images: {100 * class_correct.Sum() / class_total.Sum()} %");
        for (int c = 0; c < 10; c++)
        {
            Console.WriteLine($"Accuracy of {Cifar10.ClassNames[c],5} : {(class_total[c] == 0 ? 0 : 100 * class_correct[c] / class_total[c]),2} %");
        }

        return 0;
    }
}
