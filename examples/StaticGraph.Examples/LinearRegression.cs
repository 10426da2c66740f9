namespace StaticGraph.Examples;

/// <summary>
/// The classic TF1 first program: fit y = 0.5·x + 2 from 100 noisy points with a weight, a bias, mean squared error
/// and gradient descent, printing the loss and the parameters as they converge.
/// </summary>
public static class LinearRegression
{
    public static int Run(string[] args)
    {
        int steps = Data.Paths.IntOption(args, "steps", 201);
        var rng = new Random(1);
        var xs = Enumerable.Range(0, 100).Select(_ => (float)rng.NextDouble()).ToArray();
        var ys = xs.Select(v => (0.5f * v) + 2f + (float)((rng.NextDouble() - 0.5) * 0.02)).ToArray();

        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1], name: "x");
        var y = tf.placeholder(tf.float32, [-1], name: "y");
        var W = tf.Variable(tf.random_uniform([1], -1.0, 1.0, seed: 1), name: "W");
        var b = tf.Variable(tf.zeros([1]), name: "b");
        var prediction = (W * x) + b;
        var loss = tf.reduce_mean(tf.square(prediction - y));
        var train = tf.train.GradientDescentOptimizer(0.5).Minimize(loss);

        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var feed = new FeedDict { [x] = xs, [y] = ys };
        for (int step = 0; step < steps; step++)
        {
            var (l, _) = sess.Run((loss, train), feed);
            if (step % 20 == 0)
            {
                Console.WriteLine($"step {step,3}  loss {(float)l:F6}  W {sess.Run(W)}  b {sess.Run(b)}");
            }
        }

        Console.WriteLine($"fitted y = {(float)sess.Run(W)[0]:F3}·x + {(float)sess.Run(b)[0]:F3} (true: 0.5·x + 2)");
        return 0;
    }
}
