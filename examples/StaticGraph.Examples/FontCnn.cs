using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Port of the book's chapter 3 convolutional network on the font glyphs: one 5×5 convolution with 4 filters
/// (SAME, ReLU), 2×2 max pooling, a dense ReLU layer of 32 units with dropout fed through a keep_prob placeholder
/// (0.5 in training, 1.0 for evaluation), softmax output (passed as logits, as the book does), gradient descent 0.01
/// over 5,000 full-batch epochs (41,773 parameters; about 68% validation accuracy in the book). Ends as the book's
/// program does: Saver save/restore, then the weights exported to <c>conv1.npz</c> and assigned back from it.
/// Options: --data PATH, --epochs N, --checkpoint-dir DIR, --plots DIR (accuracy curves, confusion matrix, the four
/// filters, the output weights).
/// </summary>
public static class FontCnn
{
    public static int Run(string[] args)
    {
        _ = Train(args);
        return 0;
    }

    /// <summary>Trains, evaluates and saves; the reproduction table's entry point.</summary>
    public static Outcome Train(string[] args)
    {
        int epochs = Paths.IntOption(args, "epochs", 5000);
        string checkpointDir = Paths.Option(args, "checkpoint-dir") ?? Path.Combine(Path.GetTempPath(), "staticgraph-font-cnn");
        var plots = Plots.FromArgs(args);
        var (train, test) = FontData.Load(args, [36, 36]);

        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 36, 36], name: "x");
        var x_im = tf.reshape(x, [-1, 36, 36, 1]);
        var y_ = tf.placeholder(tf.float32, [-1, 5], name: "y_");

        // Conv layer 1: 5x5 convolution with 4 filters, zero-padded edges.
        int num_filters = 4, winx = 5, winy = 5;
        var W1 = tf.Variable(tf.truncated_normal([winx, winy, 1, num_filters], stddev: 1.0 / Math.Sqrt(winx * winy)), name: "W1");
        var b1 = tf.Variable(tf.constant(0.1f, shape: [num_filters]), name: "b1");
        var xw = tf.nn.conv2d(x_im, W1, strides: [1, 1, 1, 1], padding: "SAME");
        var h1 = tf.nn.relu(xw + b1);

        // 2x2 max pooling, no padding.
        var p1 = tf.nn.max_pool(h1, ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: "VALID");

        // Flatten for the dense layer.
        int p1_size = (int)p1.Shape.Skip(1).Aggregate(1L, (a, d) => a * d);
        var p1f = tf.reshape(p1, [-1, p1_size]);

        // Dense layer
        int num_hidden = 32;
        var W2 = tf.Variable(tf.truncated_normal([p1_size, num_hidden], stddev: 2.0 / Math.Sqrt(p1_size)), name: "W2");
        var b2 = tf.Variable(tf.constant(0.2f, shape: [num_hidden]), name: "b2");
        var h2 = tf.nn.relu(tf.matmul(p1f, W2) + b2);

        // Output layer with dropout before it.
        var W3 = tf.Variable(tf.truncated_normal([num_hidden, 5], stddev: 1.0 / Math.Sqrt(num_hidden)), name: "W3");
        var b3 = tf.Variable(tf.constant(0.1f, shape: [5]), name: "b3");
        var keep_prob = tf.placeholder(tf.float32, [], name: "keep_prob");
        var h2_drop = tf.nn.dropout(h2, keep_prob);
        var y = tf.nn.softmax(tf.matmul(h2_drop, W3) + b3);

        var cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: y + 1e-50));
        var train_step = tf.train.GradientDescentOptimizer(0.01).Minimize(cross_entropy);
        var correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));

        long parameters = FontData.ParameterCount();
        Console.WriteLine($"font CNN: {train.Count} train / {test.Count} validation images, {parameters:N0} parameters, {epochs} full-batch epochs");
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var model = new FontModel(x, y_, y, accuracy, train_step, keep_prob);
        var history = FontTraining.Fit(sess, model, train, test, epochs);
        Console.WriteLine("(the book reports about 0.68)");

        history.Plot(plots, "font-cnn");
        plots?.Images("font-cnn-W1", "the four 5x5 filters W1[:, :, 0, i]", Plots.Filters(sess.Run(W1)), 4);
        plots?.Matrix("font-cnn-W3", "output weights W3 (hidden unit x class)", Plots.ToMatrix(sess.Run(W3)));

        var testFeed = new FeedDict { [x] = test.Images, [y_] = FontData.OneHot(test.Labels), [keep_prob] = 1f };
        FontTraining.SaveAndRestore(sess, [W1, b1, W2, b2, W3, b3], checkpointDir, "conv1", () => (float)sess.Run(accuracy, testFeed));
        return new Outcome(parameters, epochs, history.FinalValidationAccuracy);
    }
}
