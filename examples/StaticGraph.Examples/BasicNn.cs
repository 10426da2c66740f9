namespace StaticGraph.Examples;

/// <summary>
/// Port of the book's chapter 2 "basic neural networks" program: three random 5-vectors (truncated normal with means
/// 3, -1 and 0, stddev 1/√5) pushed through the transforms a neuron uses (squaring, the logarithm, the sigmoid) and a
/// neuron itself, sigmoid(0.1·x1 + 0.2·x2). Prints each input next to its transform, as the book does.
/// </summary>
public static class BasicNn
{
    public static int Run(string[] args)
    {
        _ = args;
        tf.reset_default_graph();
        using var sess = tf.InteractiveSession();

        // Some simple variables
        var x1 = tf.Variable(tf.truncated_normal([5], mean: 3, stddev: 1.0 / Math.Sqrt(5)), name: "x1");
        var x2 = tf.Variable(tf.truncated_normal([5], mean: -1, stddev: 1.0 / Math.Sqrt(5)), name: "x2");
        var x3 = tf.Variable(tf.truncated_normal([5], mean: 0, stddev: 1.0 / Math.Sqrt(5)), name: "x3");
        sess.Run(tf.global_variables_initializer());

        // Squaring makes large values extreme (but positive).
        var sqx2 = x2 * x2;
        Console.WriteLine($"x2        = {sess.Run(x2)}");
        Console.WriteLine($"x2 * x2   = {sess.Run(sqx2)}");

        // The logarithm makes small values more pronounced (and negative); x1 is around 3, so all are defined.
        var logx1 = tf.log(x1);
        Console.WriteLine($"x1        = {sess.Run(x1)}");
        Console.WriteLine($"log(x1)   = {sess.Run(logx1)}");

        // The sigmoid flattens extreme values to 0 or 1; sigmoid(0) = 0.5.
        var sigx3 = tf.sigmoid(x3);
        Console.WriteLine($"x3        = {sess.Run(x3)}");
        Console.WriteLine($"sigmoid   = {sess.Run(sigx3)}");

        // A neuron: a linear combination of inputs, then a transform.
        var w1 = tf.constant(0.1f);
        var w2 = tf.constant(0.2f);
        var n1 = tf.sigmoid((w1 * x1) + (w2 * x2));
        Console.WriteLine($"w1 * x1   = {sess.Run(w1 * x1)}");
        Console.WriteLine($"w2 * x2   = {sess.Run(w2 * x2)}");
        Console.WriteLine($"n1 = sigmoid(w1*x1 + w2*x2) = {sess.Run(n1)}");
        return 0;
    }
}
