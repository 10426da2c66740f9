using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// The book's chapter 4 tf.contrib.learn models, written out as the graphs those estimators build, with the same
/// hyperparameters: <c>fit(steps=1024, batch_size=32)</c> on shuffled mini-batches of the font glyphs, then the
/// accuracy of the predicted classes on the validation images.
/// <list type="bullet">
/// <item><c>LinearClassifier(n_classes=5)</c>: logits = x·W + b from zeros (6,485 parameters), mean sparse softmax
/// cross-entropy, contrib.learn's default optimizer FTRL with learning rate min(0.2, 1/√(feature columns)) = 0.2.</item>
/// <item><c>DNNClassifier(hidden_units=[10, 5], optimizer='Adam')</c>: fully_connected ReLU layers of 10 and 5 and
/// a linear logits layer (Glorot-uniform weights, zero biases; 13,055 parameters), Adam at contrib.learn's
/// DNN learning rate 0.05. The book also prints the confusion matrix on the training images.</item>
/// <item>The custom <c>Estimator(model_fn=conv_learn)</c>: contrib.layers convolution2d with 4 5×5 filters (SAME,
/// ReLU), 2×2 max pooling, fully_connected ReLU of 5 units (the book's comment says 32; its code says 5), dropout
/// keep 0.5 in training, linear logits, tf.losses.softmax_cross_entropy on one-hot labels, Adam 0.01 (6,619
/// parameters).</item>
/// </list>
/// Options: --data PATH, --steps N, --batch N, --plots DIR (the confusion matrix).
/// </summary>
public static class LearnEstimators
{
    public static int Linear(string[] args)
    {
        _ = TrainLinear(args);
        return 0;
    }

    public static int Dnn(string[] args)
    {
        _ = TrainDnn(args);
        return 0;
    }

    public static int Cnn(string[] args)
    {
        _ = TrainCnn(args);
        return 0;
    }

    /// <summary>LinearClassifier; the reproduction table's entry point.</summary>
    public static Outcome TrainLinear(string[] args)
    {
        var data = FontData.Load(args);
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 1296], name: "x");
        var labels = tf.placeholder(tf.int32, [-1], name: "labels");
        var weights = tf.Variable(tf.zeros([1296, 5]), name: "linear/weights");
        var bias = tf.Variable(tf.zeros([5]), name: "linear/bias_weight");
        var logits = tf.matmul(x, weights) + bias;
        var loss = tf.losses.sparse_softmax_cross_entropy(labels, logits);
        var train_op = tf.train.FtrlOptimizer(0.2).Minimize(loss, global_step: tf.train.get_or_create_global_step());
        return Fit("learn-linear", args, data, new Estimator(x, labels, null, logits, loss, train_op), trainConfusion: false);
    }

    /// <summary>DNNClassifier; the reproduction table's entry point.</summary>
    public static Outcome TrainDnn(string[] args)
    {
        var data = FontData.Load(args);
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 1296], name: "x");
        var labels = tf.placeholder(tf.int32, [-1], name: "labels");
        var net = tf.contrib.layers.fully_connected(x, 10, scope: "dnn/hiddenlayer_0");
        net = tf.contrib.layers.fully_connected(net, 5, scope: "dnn/hiddenlayer_1");
        var logits = tf.contrib.layers.fully_connected(net, 5, activation_fn: t => t, scope: "dnn/logits");
        var loss = tf.losses.sparse_softmax_cross_entropy(labels, logits);
        var train_op = tf.train.AdamOptimizer(0.05).Minimize(loss, global_step: tf.train.get_or_create_global_step());
        return Fit("learn-dnn", args, data, new Estimator(x, labels, null, logits, loss, train_op), trainConfusion: true);
    }

    /// <summary>The custom CNN estimator; the reproduction table's entry point.</summary>
    public static Outcome TrainCnn(string[] args)
    {
        var data = FontData.Load(args);
        tf.reset_default_graph();
        var X = tf.placeholder(tf.float32, [-1, 1296], name: "x");
        var y = tf.placeholder(tf.int32, [-1], name: "labels");
        var keep_prob = tf.placeholder(tf.float32, [], name: "keep_prob");
        var x_im = tf.reshape(X, [-1, 36, 36, 1]);
        var onehot = tf.one_hot(y, 5);

        Tensor p1;
        using (tf.variable_scope("conv_layer"))
        {
            // 5x5 convolution with 4 kernels, zero-padded edges; then 2x2 max pooling.
            var h1 = tf.contrib.layers.conv2d(x_im, num_outputs: 4, kernel_size: [5, 5]);
            p1 = tf.nn.max_pool(h1, ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: "VALID");
        }

        int p1_size = (int)p1.Shape.Skip(1).Aggregate(1L, (a, d) => a * d);
        var p1f = tf.reshape(p1, [-1, p1_size]);
        var h_fc1 = tf.contrib.layers.fully_connected(p1f, 5);
        var drop = tf.nn.dropout(h_fc1, keep_prob);
        var logits = tf.contrib.layers.fully_connected(drop, 5, activation_fn: t => t);
        var loss = tf.losses.softmax_cross_entropy(onehot, logits);
        var train_op = tf.train.AdamOptimizer(0.01).Minimize(loss, global_step: tf.train.get_or_create_global_step());
        return Fit("learn-cnn", args, data, new Estimator(X, y, keep_prob, logits, loss, train_op), trainConfusion: false);
    }

    // What fit/predict touch in an estimator's graph.
    private sealed record Estimator(Tensor X, Tensor Labels, Tensor? KeepProb, Tensor Logits, Tensor Loss, Operation TrainOp);

    // SKCompat.fit(x, y, steps, batch_size): shuffled mini-batches, the loss logged every 100 steps; then predict.
    private static Outcome Fit(string name, string[] args, (DataSet Train, DataSet Validation) data, Estimator e, bool trainConfusion)
    {
        int steps = Paths.IntOption(args, "steps", 1024);
        int batch = Paths.IntOption(args, "batch", 32);
        var plots = Plots.FromArgs(args);
        long parameters = FontData.ParameterCount();
        Console.WriteLine($"{name}: {data.Train.Count} train / {data.Validation.Count} validation images, {parameters:N0} parameters, " +
            $"{steps} steps of batch {batch}");
        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        for (int step = 1; step <= steps; step++)
        {
            var (images, labels) = data.Train.NextBatch(batch);
            var feed = new FeedDict { [e.X] = images, [e.Labels] = labels };
            if (e.KeepProb is Tensor keep)
            {
                feed[keep] = 0.5f;
            }

            var (loss, _) = sess.Run((e.Loss, e.TrainOp), feed);
            if (step == 1 || step % 100 == 0 || step == steps)
            {
                Console.WriteLine($"step = {step}, loss = {(float)loss:F5}");
            }
        }

        var validation = Predict(sess, e, data.Validation);
        double accuracy = Enumerable.Range(0, validation.GetLength(0)).Sum(t => validation[t, t]) / (double)data.Validation.Count;
        Console.WriteLine($"validation accuracy {accuracy:F3}");
        var shown = trainConfusion ? Predict(sess, e, data.Train) : validation;
        Console.WriteLine($"confusion matrix on the {(trainConfusion ? "training" : "validation")} images (rows: true class, columns: predicted):");
        Console.WriteLine(FontTraining.Format(shown));
        plots?.ConfusionMatrix(name, shown);
        return new Outcome(parameters, steps, accuracy);
    }

    // predict(...)['classes'] against the labels, as a confusion matrix.
    private static int[,] Predict(Session sess, Estimator e, DataSet data)
    {
        var feed = new FeedDict { [e.X] = data.Images };
        if (e.KeepProb is Tensor keep)
        {
            feed[keep] = 1f;
        }

        return FontTraining.Confusion(sess.Run(e.Logits, feed), data.Labels);
    }
}
