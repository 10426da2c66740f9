using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Port of the font logistic-regression program of "Hands-on Deep Learning with TensorFlow" (chapter 2): softmax
/// regression on 36×36 glyph images of five letters (6,485 parameters), full-batch gradient descent with learning
/// rate 0.02, accuracy printed every 10 epochs. Faithful to the book, the softmax output is passed to
/// softmax_cross_entropy_with_logits as if it were logits.
/// </summary>
public static class FontLogistic
{
    public static int Run(string[] args)
    {
        int epochs = Paths.IntOption(args, "epochs", 1000);
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

        Console.WriteLine($"font logistic regression: {train.Count} train / {test.Count} validation images, " +
            $"{FontData.ParameterCount()} parameters");
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var trainFeed = new FeedDict { [x] = train.Images, [y_] = FontData.OneHot(train.Labels) };
        var testFeed = new FeedDict { [x] = test.Images, [y_] = FontData.OneHot(test.Labels) };
        for (int i = 0; i < epochs; i++)
        {
            if (i % 10 == 0 || i == epochs - 1)
            {
                float trainAcc = (float)sess.Run(accuracy, trainFeed), testAcc = (float)sess.Run(accuracy, testFeed);
                Console.WriteLine($"epoch {i,4}  train accuracy {trainAcc:F3}  validation accuracy {testAcc:F3}");
            }

            sess.Run(train_step, trainFeed);
        }

        Console.WriteLine($"final validation accuracy {(float)sess.Run(accuracy, testFeed):F3} (the book reports about 0.40)");
        return 0;
    }
}
