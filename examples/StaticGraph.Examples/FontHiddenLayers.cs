using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Ports of the book's chapter 2 networks on the font glyphs: one sigmoid hidden layer of 128 units (166,661
/// parameters, 5,000 full-batch epochs, about 60% validation accuracy in the book) and two sigmoid hidden layers of
/// 128 and 32 units (170,309 parameters, 25,000 epochs, about 63%). As in the book, weights start truncated-normal
/// with stddev 1/√fan_in (2/√128 for the second hidden layer), biases at 0.1 (0.2), the softmax output is passed to
/// softmax_cross_entropy_with_logits as if it were logits, and plain gradient descent uses learning rate 0.01.
/// Options: --data PATH, --epochs N, --plots DIR (accuracy curves, confusion matrix, 32 first-layer weight images,
/// and the output weights of the two-layer net).
/// </summary>
public static class FontHiddenLayers
{
    public static int OneHidden(string[] args)
    {
        _ = TrainOneHidden(args);
        return 0;
    }

    public static int TwoHidden(string[] args)
    {
        _ = TrainTwoHidden(args);
        return 0;
    }

    /// <summary>The one-hidden-layer net; the reproduction table's entry point.</summary>
    public static Outcome TrainOneHidden(string[] args) => Train(args, twoLayers: false, defaultEpochs: 5000);

    /// <summary>The two-hidden-layer net; the reproduction table's entry point.</summary>
    public static Outcome TrainTwoHidden(string[] args) => Train(args, twoLayers: true, defaultEpochs: 25000);

    private static Outcome Train(string[] args, bool twoLayers, int defaultEpochs)
    {
        int epochs = Paths.IntOption(args, "epochs", defaultEpochs);
        var plots = Plots.FromArgs(args);
        var (train, test) = FontData.Load(args);

        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 1296], name: "x");
        var y_ = tf.placeholder(tf.float32, [-1, 5], name: "y_");

        // Hidden layer 1
        int num_hidden1 = 128;
        var W1 = tf.Variable(tf.truncated_normal([1296, num_hidden1], stddev: 1.0 / Math.Sqrt(1296)), name: "W1");
        var b1 = tf.Variable(tf.constant(0.1f, shape: [num_hidden1]), name: "b1");
        Tensor h = tf.sigmoid(tf.matmul(x, W1) + b1);
        int last = num_hidden1;

        if (twoLayers)
        {
            // Hidden layer 2
            int num_hidden2 = 32;
            var W2 = tf.Variable(tf.truncated_normal([num_hidden1, num_hidden2], stddev: 2.0 / Math.Sqrt(num_hidden1)), name: "W2");
            var b2 = tf.Variable(tf.constant(0.2f, shape: [num_hidden2]), name: "b2");
            h = tf.sigmoid(tf.matmul(h, W2) + b2);
            last = num_hidden2;
        }

        // Output layer
        var W_out = tf.Variable(tf.truncated_normal([last, 5], stddev: 1.0 / Math.Sqrt(5)), name: "W_out");
        var b_out = tf.Variable(tf.constant(0.1f, shape: [5]), name: "b_out");
        var y = tf.nn.softmax(tf.matmul(h, W_out) + b_out);

        var cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: y + 1e-50));
        var train_step = tf.train.GradientDescentOptimizer(0.01).Minimize(cross_entropy);
        var correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));

        long parameters = FontData.ParameterCount();
        Console.WriteLine($"font {(twoLayers ? "two hidden layers" : "one hidden layer")}: {train.Count} train / {test.Count} validation images, " +
            $"{parameters:N0} parameters, {epochs} full-batch epochs");
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var history = FontTraining.Fit(sess, new FontModel(x, y_, y, accuracy, train_step), train, test, epochs);
        Console.WriteLine($"(the book reports about {(twoLayers ? "0.63" : "0.60")})");

        string name = twoLayers ? "font-hidden2" : "font-hidden1";
        history.Plot(plots, name);
        plots?.Images($"{name}-W1", "W1[:, i] as 36x36 for the first 32 hidden units", Plots.Columns(sess.Run(W1), 36, 32), 8);
        if (twoLayers)
        {
            plots?.Matrix($"{name}-W_out", "output weights W3 (hidden unit x class)", Plots.ToMatrix(sess.Run(W_out)));
        }

        return new Outcome(parameters, epochs, history.FinalValidationAccuracy);
    }
}
