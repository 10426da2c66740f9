namespace StaticGraph.Examples;

/// <summary>
/// Seed 003's TF1 fragments as one program, each printing what the seed prints: clip_by_value and a clipped
/// cross-entropy; tf.greater and tf.where, then the custom asymmetric loss (under-prediction costs 10, over-prediction
/// 1) fitted with Adam on 128 random samples; exponential_decay driven by global_step while minimizing x²;
/// l1/l2 regularizers and a five-layer net whose weights add their L2 loss to a collection; conv2d + bias_add +
/// max_pool shapes. Option: --steps N (5000, for the custom-loss fit).
/// </summary>
public static class TfBasics
{
    public static int Run(string[] args)
    {
        int steps = Data.Paths.IntOption(args, "steps", 5000);
        tf.reset_default_graph();
        using var sess = tf.Session();
        ClipAndCrossEntropy(sess);
        CustomLoss(steps);
        ExponentialDecay();
        Regularization(Math.Max(1, steps / 10));
        ConvolutionShapes();
        return 0;
    }

    private static void ClipAndCrossEntropy(Session sess)
    {
        var v = tf.constant(new float[,] { { 1.0f, 2.0f, 3.0f }, { 4.0f, 5.0f, 6.0f } });
        Console.WriteLine("tf.clip_by_value(v, 2.5, 4.5):");
        Console.WriteLine(sess.Run(tf.clip_by_value(v, 2.5, 4.5)));
        Console.WriteLine("tf.log(v):");
        Console.WriteLine(sess.Run(tf.log(v)));

        // -mean(y_ * log(clip(y, 1e-10, 1))): clipping keeps log(0) out of the loss.
        var y_ = tf.constant(new float[,] { { 1, 0, 0 }, { 0, 1, 0 } });
        var y = tf.constant(new float[,] { { 0.7f, 0.2f, 0.1f }, { 0.0f, 1.0f, 0.0f } });
        var cross_entropy = -tf.reduce_mean(y_ * tf.log(tf.clip_by_value(y, 1e-10, 1.0)));
        Console.WriteLine($"cross_entropy: {(float)sess.Run(cross_entropy):F6}");

        var v1 = tf.constant(new float[] { 1.0f, 2.0f, 3.0f, 4.0f });
        var v2 = tf.constant(new float[] { 4.0f, 3.0f, 2.0f, 1.0f });
        Console.WriteLine("tf.greater(v1, v2):");
        Console.WriteLine(sess.Run(tf.greater(v1, v2)));
        Console.WriteLine("tf.where(tf.greater(v1, v2), v1, v2):");
        Console.WriteLine(sess.Run(tf.where(tf.greater(v1, v2), v1, v2)));
    }

    // Sales prediction where selling too little costs 10 per unit and too much 1: the fit leans above x1 + x2.
    private static void CustomLoss(int steps)
    {
        const int batch_size = 8, dataset_size = 128;
        var x = tf.placeholder(tf.float32, [-1, 2], name: "x-input");
        var y_ = tf.placeholder(tf.float32, [-1, 1], name: "y-input");
        var w1 = tf.Variable(tf.random_normal([2, 1], stddev: 1, seed: 1));
        var y = tf.matmul(x, w1);
        double loss_less = 10, loss_more = 1;
        var loss = tf.reduce_sum(tf.where(tf.greater(y, y_), (y - y_) * loss_more, (y_ - y) * loss_less));
        var train_step = tf.train.AdamOptimizer(0.001).Minimize(loss);

        var rdm = new Random(1);
        var X = new float[dataset_size, 2];
        var Y = new float[dataset_size, 1];
        for (int i = 0; i < dataset_size; i++)
        {
            (X[i, 0], X[i, 1]) = (rdm.NextSingle(), rdm.NextSingle());
            Y[i, 0] = X[i, 0] + X[i, 1] + (rdm.NextSingle() / 10.0f) - 0.05f;   // x1 + x2 plus noise in ±0.05
        }

        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        for (int i = 0; i < steps; i++)
        {
            int start = i * batch_size % dataset_size;
            int end = Math.Min(start + batch_size, dataset_size);
            sess.Run(train_step, new FeedDict { [x] = Rows(X, start, end), [y_] = Rows(Y, start, end) });
        }

        Console.WriteLine($"w1 after {steps} steps of the asymmetric loss (both weights above 1):");
        Console.WriteLine(sess.Run(w1));
    }

    private static void ExponentialDecay()
    {
        const int TRAINING_STEPS = 100;
        var global_step = tf.Variable(0L, trainable: false, name: "global_step");
        var learning_rate = tf.train.exponential_decay(0.1, global_step, 1, 0.96, staircase: true);
        var x = tf.Variable(tf.constant(5f), name: "x");
        var y = tf.square(x);
        var train_op = tf.train.GradientDescentOptimizer(learning_rate).Minimize(y, global_step: global_step);
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        for (int i = 0; i < TRAINING_STEPS; i++)
        {
            sess.Run(train_op);
            if (i % 10 == 0)
            {
                var (learning_rate_value, x_value) = sess.Run((learning_rate, (Tensor)x));
                Console.WriteLine($"After {i + 1} iteration(s): x{i + 1} is {(float)x_value:F6}, learning rate is {(float)learning_rate_value:F6}.");
            }
        }
    }

    private static void Regularization(int steps)
    {
        var weights = tf.constant(new float[,] { { 1.0f, -2.0f }, { -3.0f, 4.0f } });
        using (var sess = tf.Session())
        {
            Console.WriteLine($"l1_regularizer(.5)(weights) = {(float)sess.Run(tf.contrib.layers.l1_regularizer(.5)(weights)!)}");
            Console.WriteLine($"l2_regularizer(.5)(weights) = {(float)sess.Run(tf.contrib.layers.l2_regularizer(.5)(weights)!)}");
        }

        // A five-layer net whose weight variables each add lambda·l2 to the 'losses' collection.
        var x = tf.placeholder(tf.float32, [-1, 2]);
        var y_ = tf.placeholder(tf.float32, [-1, 1]);
        int[] layer_dimension = [2, 10, 5, 3, 1];
        Tensor cur_layer = x;
        for (int i = 1; i < layer_dimension.Length; i++)
        {
            var weight = tf.Variable(tf.random_normal([layer_dimension[i - 1], layer_dimension[i]], seed: i));
            tf.add_to_collection("losses", tf.contrib.layers.l2_regularizer(0.001)(weight)!);
            var bias = tf.Variable(tf.constant(0.1f, shape: [layer_dimension[i]]));
            cur_layer = tf.nn.relu(tf.matmul(cur_layer, weight) + bias);
        }

        var mse_loss = tf.reduce_mean(tf.square(y_ - cur_layer));
        tf.add_to_collection("losses", mse_loss);
        var loss = tf.add_n(tf.get_collection<Tensor>("losses").ToArray());
        var train_op = tf.train.AdamOptimizer(0.001).Minimize(loss);

        var rdm = new Random(2);
        var X = new float[64, 2];
        var Y = new float[64, 1];
        for (int i = 0; i < 64; i++)
        {
            (X[i, 0], X[i, 1]) = (rdm.NextSingle(), rdm.NextSingle());
            Y[i, 0] = X[i, 0] + X[i, 1] < 1 ? 0 : 1;
        }

        var feed = new FeedDict { [x] = X, [y_] = Y };
        using var train = tf.Session();
        train.Run(tf.global_variables_initializer());
        Console.WriteLine($"{tf.get_collection<Tensor>("losses").Count} terms in 'losses'; loss before {(float)train.Run(loss, feed):F4}");
        for (int i = 0; i < steps; i++)
        {
            train.Run(train_op, feed);
        }

        Console.WriteLine($"loss after {steps} Adam steps {(float)train.Run(loss, feed):F4} (mse {(float)train.Run(mse_loss, feed):F4})");
    }

    private static void ConvolutionShapes()
    {
        var input = tf.placeholder(tf.float32, [1, 32, 32, 3], name: "input");
        var filter_weight = tf.get_variable("weights", [5, 5, 3, 16], initializer: tf.truncated_normal_initializer(stddev: 0.1));
        var biases = tf.get_variable("biases", [16], initializer: tf.constant_initializer(0.1));
        var conv = tf.nn.conv2d(input, filter_weight, strides: [1, 1, 1, 1], padding: "SAME");
        var bias = tf.nn.bias_add(conv, biases);
        var actived_conv = tf.nn.relu(bias);
        var pool = tf.nn.max_pool(actived_conv, ksize: [1, 3, 3, 1], strides: [1, 2, 2, 1], padding: "SAME");
        Console.WriteLine($"conv {conv.Shape}, bias_add {bias.Shape}, max_pool {pool.Shape}");
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var pooled = sess.Run(pool, new FeedDict { [input] = NDArray.FromArray(new float[32 * 32 * 3], 1, 32, 32, 3) });
        Console.WriteLine($"max_pool of a zero image: shape [{string.Join(", ", pooled.Shape)}], every value relu(0.1) = {pooled.ToArray<float>().Max()}");
    }

    private static float[,] Rows(float[,] data, int start, int end)
    {
        var rows = new float[end - start, data.GetLength(1)];
        for (int i = start; i < end; i++)
        {
            for (int j = 0; j < data.GetLength(1); j++)
            {
                rows[i - start, j] = data[i, j];
            }
        }

        return rows;
    }
}
