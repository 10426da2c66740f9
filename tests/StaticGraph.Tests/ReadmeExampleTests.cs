namespace StaticGraph.Tests;

public class ReadmeExampleTests
{
    [Fact]
    public void The_README_example_trains_a_linear_model()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            // The README's 20-line example, verbatim but for the prints.
            var x = tf.placeholder(tf.float32, [-1, 3], name: "x");
            var y_ = tf.placeholder(tf.float32, [-1]);
            var W = tf.Variable(tf.zeros([3, 1]), name: "W");
            var b = tf.Variable(tf.zeros([1]), name: "b");
            var y = tf.reshape(tf.matmul(x, W) + b, [-1]);
            var loss = tf.reduce_mean(tf.square(y - y_));
            var grads = tf.gradients(loss, [W, b]);
            var train = tf.group(W.AssignSub(grads[0]! * 0.01), b.AssignSub(grads[1]! * 0.01));

            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var feed = new FeedDict { [x] = new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, [y_] = new float[] { 1, 2 } };
            float first = 0, last = 0;
            for (int step = 0; step < 500; step++)
            {
                var (l, _) = sess.Run((loss, train), feed);
                first = step == 0 ? (float)l : first;
                last = (float)l;
            }

            Assert.Equal(2.5f, first, 5);   // mean((0 - [1, 2])²)
            Assert.True(last < 1e-3f, $"loss {last}");
        }
    }

    [Fact]
    public void The_README_training_snippet_builds_and_takes_a_step()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 8, 8, 1]);
            var y = tf.placeholder(tf.int32, [-1]);
            var is_training = tf.placeholder_with_default(tf.constant(false), []);
            var h = tf.layers.conv2d(x, 32, 3, padding: "same", activation: tf.nn.relu);
            h = tf.layers.max_pooling2d(h, 2, 2);
            h = tf.layers.dropout(tf.layers.flatten(h), rate: 0.25, training: is_training);
            var logits = tf.layers.dense(h, 10);
            var loss = tf.losses.sparse_softmax_cross_entropy(labels: y, logits: logits) + tf.losses.get_regularization_loss();
            var step = tf.train.get_or_create_global_step();
            var lr = tf.train.exponential_decay(1e-3, step, 1000, 0.96, staircase: true);
            var train_op = tf.train.AdamOptimizer(lr).Minimize(loss, global_step: step);

            Assert.Equal(["conv2d/kernel:0", "conv2d/bias:0", "dense/kernel:0", "dense/bias:0"], tf.trainable_variables().Select(v => v.Name));
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var feed = new FeedDict { [x] = NDArray.Zeros(tf.float32, [2, 8, 8, 1]), [y] = new[] { 1, 2 }, [is_training] = true };
            var (l, _) = sess.Run((loss, train_op), feed);
            Assert.Equal(Math.Log(10), (float)l, 3);   // zero images and zero biases: uniform logits
            Assert.Equal(1L, (long)sess.Run(step));
        }
    }

    [Fact]
    public void The_README_files_snippet_saves_loads_freezes_and_logs()
    {
        string dir = Directory.CreateTempSubdirectory("staticgraph-readme-").FullName;
        try
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                var x = tf.placeholder(tf.float32, [-1, 3], name: "x");
                var logits = tf.layers.dense(x, 2);
                var softmax = tf.nn.softmax(logits, name: "softmax");
                var loss = tf.reduce_mean(tf.square(logits));
                using var sess = tf.Session();
                sess.Run(tf.global_variables_initializer());
                var feed = new FeedDict { [x] = new float[,] { { 1, 2, 3 } } };
                var before = sess.Run(softmax, feed).ToArray<float>();

                var saver = tf.train.Saver(max_to_keep: 5);
                string path = saver.Save(sess, Path.Combine(dir, "ckpt", "model.ckpt"), global_step: 100);
                Assert.True(File.Exists(path + ".index") && File.Exists(path + ".meta"));
                saver.Restore(sess, tf.train.latest_checkpoint(Path.Combine(dir, "ckpt"))!);
                var reader = tf.train.load_checkpoint(Path.Combine(dir, "ckpt"));
                Assert.Equal(new Shape(3, 2), reader.GetTensor("dense/kernel").Shape);

                tf.train.write_graph(sess.Graph, Path.Combine(dir, "out"), "graph.pbtxt", as_text: true);
                var frozen = tf.graph_util.convert_variables_to_constants(sess, sess.Graph.ToGraphDef(), ["softmax"]);

                var loss_summary = tf.summary.scalar("loss", loss);
                var merged = tf.summary.merge_all()!;
                string events;
                using (var writer = tf.summary.FileWriter(Path.Combine(dir, "logs"), sess.Graph))
                {
                    writer.AddSummary(sess.Run(merged, feed), 1);
                    events = writer.FilePath;
                }

                Assert.Contains(tf.train.summary_iterator(events), e => e.Summary?.Value.Any(v => v.Tag == "loss") == true);

                var other = new Graph();
                using (other.AsDefault())
                {
                    tf.import_graph_def(frozen, name: "");
                    using var frozenSession = tf.Session(other);
                    Assert.Equal(before, frozenSession.Run(other.GetTensorByName("softmax:0"), new FeedDict { ["x:0"] = new float[,] { { 1, 2, 3 } } }).ToArray<float>());
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_README_control_flow_snippet_runs_and_differentiates()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, []);
            var y = tf.cond(x > 0, () => x * x, () => -x);
            var (i, acc) = (tf.constant(0), tf.constant(1f));
            var r = tf.while_loop(v => v[0] < 10, v => [v[0] + 1, v[1] * x], [i, acc]);
            var capped = tf.while_loop(v => tf.constant(true), v => [v[0] * 2], [tf.constant(1)], maximum_iterations: 6);
            var dx = tf.gradients(r[1], [x])[0];
            using var sess = tf.Session();
            var feed = new FeedDict { [x] = 1.5f };
            Assert.Equal(2.25f, sess.Run(y, feed).Item<float>(), 5);
            Assert.Equal(3f, sess.Run(y, new FeedDict { [x] = -3f }).Item<float>(), 5);
            Assert.Equal(MathF.Pow(1.5f, 10), sess.Run(r[1], feed).Item<float>(), 2);
            Assert.Equal(64, sess.Run(capped[0]).Item<int>());
            Assert.Equal(10 * MathF.Pow(1.5f, 9), sess.Run(dx!, feed).Item<float>(), 2);
        }
    }

    [Fact]
    public void The_README_RNN_snippet_builds_TF1_variables_and_runs()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 28, 28]);
            var steps = tf.unstack(x, 28, axis: 1);
            var cell = tf.nn.rnn_cell.BasicLSTMCell(128, forget_bias: 1.0);
            var (outputs, state) = tf.nn.static_rnn(cell, steps, dtype: tf.float32);
            var (c, h) = (LSTMStateTuple)state;
            var logits = tf.layers.dense(outputs[^1], 10);

            Assert.Same(outputs[^1], h);
            Assert.Equal([("rnn/basic_lstm_cell/kernel:0", new[] { 156, 512 }), ("rnn/basic_lstm_cell/bias:0", new[] { 512 })],
                tf.global_variables().Take(2).Select(v => (v.Name, v.Shape.ToArray())));
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var (l, cv) = sess.Run((logits, c), new FeedDict { [x] = new float[2, 28, 28] });
            Assert.Equal([2, 10], l.Shape.ToArray());
            Assert.Equal([2, 128], cv.Shape.ToArray());
        }
    }
}
