namespace StaticGraph.Examples;

/// <summary>
/// Seed 001's first PyTorch program (the "define the network" tutorial) in TF1 style: the LeNet-like net conv 5×5
/// (6) + ReLU + 2×2 max-pool, conv 5×5 (16) + ReLU + max-pool, dense 120, 84, 10 on one random 32×32 image; prints
/// the net's parameter tensors (10, 61,706 values), the output, the L1 loss against a random target, conv1's bias
/// gradient, then takes one SGD step (lr 0.01) and prints the loss again. Option: --seed N.
/// </summary>
public static class TorchToyCnn
{
    public static int Run(string[] args)
    {
        tf.reset_default_graph();
        tf.set_random_seed(Data.Paths.IntOption(args, "seed", 1));
        var input = tf.placeholder(tf.float32, [1, 32, 32, 1], name: "input");
        var target = tf.placeholder(tf.float32, [1, 10], name: "target");

        // Max pooling over a (2, 2) window; if the size is a square you can only specify a single number.
        var x = tf.layers.max_pooling2d(tf.layers.conv2d(input, 6, 5, activation: tf.nn.relu, name: "conv1"), [2, 2], 2);
        x = tf.layers.max_pooling2d(tf.layers.conv2d(x, 16, 5, activation: tf.nn.relu, name: "conv2"), 2, 2);
        x = tf.layers.flatten(x);
        x = tf.layers.dense(x, 120, activation: tf.nn.relu, name: "fc1");
        x = tf.layers.dense(x, 84, activation: tf.nn.relu, name: "fc2");
        var output = tf.layers.dense(x, 10, name: "fc3");

        var parameters = tf.trainable_variables().ToArray();
        foreach (var p in parameters)
        {
            Console.WriteLine($"  {p.Name,-16} [{string.Join(", ", p.Shape)}]");
        }

        Console.WriteLine(parameters.Length);
        Console.WriteLine($"[{string.Join(", ", parameters[0].Shape)}]");
        Console.WriteLine($"{parameters.Sum(p => p.Shape.NumElements):N0} parameters");

        var criterion = tf.losses.absolute_difference(target, output);   // nn.L1Loss: mean |output - target|
        var conv1_bias = parameters[1];
        var conv1_bias_grad = tf.gradients(criterion, [conv1_bias])[0]!;
        var optimizer = tf.train.GradientDescentOptimizer(0.01);
        var train_op = optimizer.Minimize(criterion);

        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var random = new Random(Data.Paths.IntOption(args, "seed", 1));
        var feed = new FeedDict { [input] = RandomNormal(random, 1, 32, 32, 1), [target] = RandomNormal(random, 1, 10) };
        Console.WriteLine(sess.Run(output, feed));
        Console.WriteLine($"loss {(float)sess.Run(criterion, feed):F4}");
        Console.WriteLine("conv1.bias.grad");
        Console.WriteLine(sess.Run(conv1_bias_grad, feed));

        sess.Run(train_op, feed);   // optimizer.zero_grad(); loss.backward(); optimizer.step()
        Console.WriteLine($"loss after one SGD step {(float)sess.Run(criterion, feed):F4}");
        return 0;
    }

    // torch.randn: standard normal values (Box-Muller).
    private static NDArray RandomNormal(Random random, params int[] shape)
    {
        var values = new float[shape.Aggregate(1, (a, d) => a * d)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return NDArray.FromArray(values, shape);
    }
}
