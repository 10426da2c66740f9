using Spectre.Console;
using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// The main example: a small CNN written like seed 000's tf.layers program (conv2d + max_pooling2d blocks, flatten,
/// dense, sparse softmax cross-entropy, Adam 1e-3), trained on the 8×8 handwritten digits the repository ships
/// (examples/data/digits.csv.gz, UCI, CC BY 4.0). Prints train loss and accuracy at intervals and the test accuracy
/// at the end, then saves a TF-format checkpoint and restores it into a fresh session to show the round trip.
/// Options: --data PATH, --steps N, --batch N, --threads N (cores one kernel may use: TF's
/// intra_op_parallelism_threads; default all), --checkpoint-dir DIR (default: a folder under the system temp path).
/// </summary>
public static class DigitsCnn
{
    public static int Run(string[] args)
    {
        string path = Paths.Option(args, "data") ?? Digits.DefaultPath();
        int steps = Paths.IntOption(args, "steps", 1500);
        int batch = Paths.IntOption(args, "batch", 64);
        int threads = Paths.IntOption(args, "threads", 0); // 0: TF's default, every core
        string checkpointDir = Paths.Option(args, "checkpoint-dir") ?? Path.Combine(Path.GetTempPath(), "staticgraph-digits-cnn");
        var (images, labels) = Digits.Load(path);
        var (train, test) = DataSet.Split(images, labels, [8, 8, 1], 0.2, seed: 7);

        tf.reset_default_graph();
        tf.set_random_seed(42);
        var x = tf.placeholder(tf.float32, [-1, 8, 8, 1], name: "x");
        var y = tf.placeholder(tf.int32, [-1], name: "y");

        var conv1 = tf.layers.conv2d(x, 32, 3, padding: "same", activation: tf.nn.relu);
        var pool1 = tf.layers.max_pooling2d(conv1, 2, 2);
        var conv2 = tf.layers.conv2d(pool1, 64, 3, padding: "same", activation: tf.nn.relu);
        var pool2 = tf.layers.max_pooling2d(conv2, 2, 2);
        var flat = tf.layers.flatten(pool2);
        var fc = tf.layers.dense(flat, 128, activation: tf.nn.relu);
        var logits = tf.layers.dense(fc, 10);

        var loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels: y, logits: logits));
        var train_op = tf.train.AdamOptimizer(1e-3).Minimize(loss);
        var correct = tf.equal(tf.argmax(logits, 1, output_type: tf.int32), y);
        var accuracy = tf.reduce_mean(tf.cast(correct, tf.float32));
        var saver = tf.train.Saver();

        AnsiConsole.MarkupLine($"[bold]digits CNN[/]: {train.Count} training / {test.Count} test images of 8×8, " +
            $"{tf.trainable_variables().Sum(v => v.Shape.NumElements):N0} parameters, {steps} steps of batch {batch}");
        using var sess = tf.Session(new ConfigProto { IntraOpParallelismThreads = threads });
        sess.Run(tf.global_variables_initializer());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var log = new List<string>();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training", maxValue: steps);
                for (int step = 1; step <= steps; step++)
                {
                    var (bx, by) = train.NextBatch(batch);
                    var (l, a, _) = sess.Run((loss, accuracy, train_op), new FeedDict { [x] = bx, [y] = by });
                    if (step % Math.Max(1, steps / 10) == 0 || step == steps)
                    {
                        string line = $"step {step,5}  loss {(float)l:F4}  batch accuracy {(float)a:P1}";
                        log.Add(line);
                        task.Description = line;
                    }

                    task.Increment(1);
                }
            });
        foreach (var line in log)
        {
            Console.WriteLine(line);
        }

        var testFeed = new FeedDict { [x] = test.Images, [y] = test.Labels };
        float testAccuracy = (float)sess.Run(accuracy, testFeed);
        Console.WriteLine($"test accuracy {testAccuracy:P2} after {steps} steps in {clock.Elapsed.TotalSeconds:F1} s");

        // A TensorFlow-format checkpoint (.index + .data-00000-of-00001 + the 'checkpoint' state file).
        string saved = saver.Save(sess, Path.Combine(checkpointDir, "model.ckpt"), global_step: steps);
        Console.WriteLine($"saved checkpoint {saved}");
        using var restored = tf.Session();
        saver.Restore(restored, tf.train.latest_checkpoint(checkpointDir)!);
        Console.WriteLine($"restored into a new session: test accuracy {(float)restored.Run(accuracy, testFeed):P2}");
        return 0;
    }
}
