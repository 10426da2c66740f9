using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Seed 000's training loop, shared by its three CIFAR-10 programs: Adam steps on batches of 20 from a shuffling
/// <see cref="CifarData"/> set, "[Train] Step: N, loss: L, acc: A" every 100 steps, and every 1,000 steps the mean
/// accuracy over 100 batches of a freshly loaded, unshuffled test set, "[Test ] Step: N, acc: A". Options: --steps N
/// (10000), --batch N (20), --print-every N (100), --test-every N (1000), --test-steps N (100; fewer when the test set
/// holds fewer batches, as on small synthetic data).
/// </summary>
public static class CifarTraining
{
    /// <summary>Seed 000's ten-class programs around <paramref name="model"/> (x [None, 3072] -> logits [None, 10]):
    /// load the data, sparse softmax cross-entropy (tf.losses), argmax accuracy, Adam 1e-3, then <see cref="Run"/>.</summary>
    public static int RunClassifier(string[] args, Func<Tensor, Tensor> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (train_filenames, test_filenames) = CifarData.Resolve(args);
        var train_data = CifarData.Load(train_filenames, needShuffle: true);

        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 3072]);
        var y = tf.placeholder(tf.int64, [-1]);
        var y_ = model(x);

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

        return Run(args, train_data, () => CifarData.Load(test_filenames, needShuffle: false), x, y, loss, accuracy, train_op);
    }

    /// <summary>Trains <paramref name="train_op"/> and reports as the seed does; <paramref name="loadTest"/> loads the test set.</summary>
    public static int Run(string[] args, DataSet train_data, Func<DataSet> loadTest, Tensor x, Tensor y, Tensor loss, Tensor accuracy, Operation train_op)
    {
        ArgumentNullException.ThrowIfNull(train_data);
        ArgumentNullException.ThrowIfNull(loadTest);
        int train_steps = Paths.IntOption(args, "steps", 10000);
        int batch_size = Paths.IntOption(args, "batch", 20);
        int print_every = Paths.IntOption(args, "print-every", 100);
        int test_every = Paths.IntOption(args, "test-every", 1000);
        int test_steps = Paths.IntOption(args, "test-steps", 100);

        var init = tf.global_variables_initializer();
        using var sess = tf.Session();
        sess.Run(init);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double test_acc = double.NaN;
        for (int i = 0; i < train_steps; i++)
        {
            var (batch_data, batch_labels) = train_data.NextBatch(batch_size);
            var (loss_val, acc_val, _) = sess.Run((loss, accuracy, train_op), new FeedDict { [x] = batch_data, [y] = batch_labels });
            if ((i + 1) % print_every == 0)
            {
                Console.WriteLine($"[Train] Step: {i + 1}, loss: {(double)loss_val:F5}, acc: {(double)acc_val:F5}");
            }

            if ((i + 1) % test_every == 0)
            {
                var test_data = loadTest();
                int steps = Math.Min(test_steps, test_data.Count / batch_size);
                var all_test_acc_val = new List<double>();
                for (int j = 0; j < steps; j++)
                {
                    var (test_batch_data, test_batch_labels) = test_data.NextBatch(batch_size);
                    all_test_acc_val.Add((double)sess.Run(accuracy, new FeedDict { [x] = test_batch_data, [y] = test_batch_labels }));
                }

                test_acc = all_test_acc_val.Average();
                Console.WriteLine($"[Test ] Step: {i + 1}, acc: {test_acc:F5}");
            }
        }

        Console.WriteLine($"{train_steps} steps in {clock.Elapsed.TotalSeconds:F1} s; last test accuracy {test_acc:F5}");
        return 0;
    }
}
