using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Port of the font logistic-regression program of "Hands-on Deep Learning with TensorFlow" (chapter 2): softmax
/// regression on 36×36 glyph images of five letters (6,485 parameters), full-batch gradient descent with learning
/// rate 0.02 for 1,000 epochs, accuracy recorded every 10 epochs (about 40% validation accuracy in the book).
/// Faithful to the book, the softmax output is passed to softmax_cross_entropy_with_logits as if it were logits.
/// Options: --data PATH, --epochs N, --plots DIR (accuracy curves, confusion matrix, the weights of each class).
/// </summary>
public static class FontLogistic
{
    public static int Run(string[] args)
    {
        _ = Train(args);
        return 0;
    }

    /// <summary>Trains and evaluates; the reproduction table's entry point.</summary>
    public static Outcome Train(string[] args)
    {
        int epochs = Paths.IntOption(args, "epochs", 1000);
        var plots = Plots.FromArgs(args);
        var (train, test) = FontData.Load(args);

        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 1296], name: "x");
        var y_ = tf.placeholder(tf.float32, [-1, 5], name: "y_");
        var W = tf.Variable(tf.zeros([1296, 5]), name: "W");
        var b = tf.Variable(tf.zeros([5]), name: "b");
        var y = tf.nn.softmax(tf.matmul(x, W) + b);

        // The book's formulation: softmax outputs (plus 1e-50) used as logits.
        var cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: y + 1e-50));
        var train_step = tf.train.GradientDescentOptimizer(0.02).Minimize(cross_entropy);
        var correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));

        long parameters = FontData.ParameterCount();
        Console.WriteLine($"font logistic regression: {train.Count} train / {test.Count} validation images, {parameters:N0} parameters, {epochs} full-batch epochs");
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var history = FontTraining.Fit(sess, new FontModel(x, y_, y, accuracy, train_step), train, test, epochs);
        Console.WriteLine("(the book reports about 0.40)");

        history.Plot(plots, "logistic");
        plots?.Images("logistic-weights", "W[:, i] as 36x36 for each class", Plots.Columns(sess.Run(W), 36, 5), 5);
        return new Outcome(parameters, epochs, history.FinalValidationAccuracy);
    }
}
