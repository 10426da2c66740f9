using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Port of the book's chapter 3 deeper convolutional network on the font glyphs: a 3×3 convolution with 16 filters
/// and a 3×3 convolution with 4 filters (each SAME, ReLU, then 2×2 max pooling), a dense ReLU layer of 32 units with
/// keep_prob dropout, and a softmax output passed as logits (as the book does); gradient descent 0.01 over 6,000
/// full-batch epochs (about 80% validation accuracy in the book). The book states 10,765 parameters; the model it
/// builds has 11,305 (160 + 580 + 10,400 + 165), which is what this prints. Ends as the book's program does: Saver
/// save/restore, then the weights exported to <c>conv2.npz</c> and assigned back from it.
/// Options: --data PATH, --epochs N, --checkpoint-dir DIR, --plots DIR (accuracy curves, confusion matrix, the 16
/// first-layer filters, the output weights).
/// </summary>
public static class FontDeepCnn
{
    public static int Run(string[] args)
    {
        _ = Train(args);
        return 0;
    }

    /// <summary>Trains, evaluates and saves; the reproduction table's entry point.</summary>
    public static Outcome Train(string[] args)
    {
        int epochs = Paths.IntOption(args, "epochs", 6000);
        string checkpointDir = Paths.Option(args, "checkpoint-dir") ?? Path.Combine(Path.GetTempPath(), "staticgraph-font-cnn2");
        var plots = Plots.FromArgs(args);
        var (train, test) = FontData.Load(args, [36, 36]);

        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 36, 36], name: "x");
        var x_im = tf.reshape(x, [-1, 36, 36, 1]);
        var y_ = tf.placeholder(tf.float32, [-1, 5], name: "y_");

        // Conv layer 1: 3x3 convolution with 16 filters, then 2x2 max pooling.
        int num_filters1 = 16, winx1 = 3, winy1 = 3;
        var W1 = tf.Variable(tf.truncated_normal([winx1, winy1, 1, num_filters1], stddev: 1.0 / Math.Sqrt(winx1 * winy1)), name: "W1");
        var b1 = tf.Variable(tf.constant(0.1f, shape: [num_filters1]), name: "b1");
        var h1 = tf.nn.relu(tf.nn.conv2d(x_im, W1, strides: [1, 1, 1, 1], padding: "SAME") + b1);
        var p1 = tf.nn.max_pool(h1, ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: "VALID");

        // Conv layer 2: 3x3 convolution with 4 filters over the 16 channels, then 2x2 max pooling.
        int num_filters2 = 4, winx2 = 3, winy2 = 3;
        var W2 = tf.Variable(tf.truncated_normal([winx2, winy2, num_filters1, num_filters2], stddev: 1.0 / Math.Sqrt(winx2 * winy2)), name: "W2");
        var b2 = tf.Variable(tf.constant(0.1f, shape: [num_filters2]), name: "b2");
        var h2 = tf.nn.relu(tf.nn.conv2d(p1, W2, strides: [1, 1, 1, 1], padding: "SAME") + b2);
        var p2 = tf.nn.max_pool(h2, ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: "VALID");

        // Flatten for the dense layer.
        int p2_size = (int)p2.Shape.Skip(1).Aggregate(1L, (a, d) => a * d);
        var p2f = tf.reshape(p2, [-1, p2_size]);

        // Dense layer with dropout.
        int num_hidden = 32;
        var W3 = tf.Variable(tf.truncated_normal([p2_size, num_hidden], stddev: 2.0 / Math.Sqrt(p2_size)), name: "W3");
        var b3 = tf.Variable(tf.constant(0.2f, shape: [num_hidden]), name: "b3");
        var h3 = tf.nn.relu(tf.matmul(p2f, W3) + b3);
        var keep_prob = tf.placeholder(tf.float32, [], name: "keep_prob");
        var h3_drop = tf.nn.dropout(h3, keep_prob);

        // Output layer
        var W4 = tf.Variable(tf.truncated_normal([num_hidden, 5], stddev: 1.0 / Math.Sqrt(num_hidden)), name: "W4");
        var b4 = tf.Variable(tf.constant(0.1f, shape: [5]), name: "b4");
        var y = tf.nn.softmax(tf.matmul(h3_drop, W4) + b4);

        var cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: y + 1e-50));
        var train_step = tf.train.GradientDescentOptimizer(0.01).Minimize(cross_entropy);
        var correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));

        long parameters = FontData.ParameterCount();
        Console.WriteLine($"deeper font CNN: {train.Count} train / {test.Count} validation images, {parameters:N0} parameters " +
            $"(the book says 10,765), {epochs} full-batch epochs");
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var model = new FontModel(x, y_, y, accuracy, train_step, keep_prob);
        var history = FontTraining.Fit(sess, model, train, test, epochs);
        Console.WriteLine("(the book reports about 0.80)");

        history.Plot(plots, "font-cnn2");
        plots?.Images("font-cnn2-W1", "the 16 first-layer 3x3 filters W1[:, :, 0, i]", Plots.Filters(sess.Run(W1)), 4,
            new ScottPlot.Colormaps.GrayscaleReversed());
        plots?.Matrix("font-cnn2-W4T", "output weights W4 transposed (class x hidden unit)", Plots.ToMatrix(sess.Run(W4), transpose: true));

        var testFeed = new FeedDict { [x] = test.Images, [y_] = FontData.OneHot(test.Labels), [keep_prob] = 1f };
        FontTraining.SaveAndRestore(sess, [W1, b1, W2, b2, W3, b3, W4, b4], checkpointDir, "conv2", () => (float)sess.Run(accuracy, testFeed));
        return new Outcome(parameters, epochs, history.FinalValidationAccuracy);
    }
}
