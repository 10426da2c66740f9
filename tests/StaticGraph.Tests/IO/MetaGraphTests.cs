using Tensorflow;
using static StaticGraph.Tests.IO.CheckpointTestFiles;

namespace StaticGraph.Tests.IO;

public class MetaGraphTests
{
    private static NDArray Inputs => NDArray.FromArray([1f, 2f, 0.5f, -1f, 3f, 0f], 3, 2);

    // y = x @ [2, -1] + 0.5, learned with Adam (slots, beta powers and a global step to round-trip).
    private static (Tensor X, Tensor Y, Operation Train) BuildModel()
    {
        var step = tf.train.get_or_create_global_step();
        var x = tf.placeholder(tf.float32, new Shape(-1, 2), name: "x");
        var target = tf.placeholder(tf.float32, new Shape(-1, 1), name: "target");
        var w = tf.Variable(tf.constant(NDArray.FromArray([0.1f, 0.2f], 2, 1)), name: "w");
        var b = tf.Variable(tf.constant(0f), name: "b");
        var y = tf.add(tf.matmul(x, w), b, name: "y");
        var loss = tf.reduce_mean(tf.square(y - target), name: "loss");
        var train = tf.train.AdamOptimizer(0.05).Minimize(loss, global_step: step);
        var g = x.Graph;
        g.AddToCollection(tf.GraphKeys.LOSSES, loss);
        return (x, y, train);
    }

    [Fact]
    public void Export_writes_variables_as_VariableDefs_and_other_collections_as_node_names()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            BuildModel();
            var meta = tf.train.export_meta_graph();
            Assert.Equal("1.15.0", meta.MetaInfoDef.TensorflowVersion);
            Assert.Contains(meta.MetaInfoDef.StrippedOpList.Op, op => op.Name == "MatMul" && op.Attr.Any(a => a.Name == "transpose_a" && a.Type == "bool"));
            Assert.Equal(g.Operations.Count, meta.GraphDef.Node.Count);
            Assert.Null(meta.SaverDef);
            var w = VariableDef.Parser.ParseFrom(meta.CollectionDef["trainable_variables"].BytesList.Value[0]);
            Assert.Equal("w:0", w.VariableName);
            Assert.Equal("w/Assign", w.InitializerName);
            Assert.Equal("w/read:0", w.SnapshotName);
            Assert.Equal("Const:0", w.InitialValueName);
            Assert.True(w.Trainable);
            Assert.Equal(2, meta.CollectionDef["trainable_variables"].BytesList.Value.Count);
            Assert.Equal(9, meta.CollectionDef["variables"].BytesList.Value.Count); // step, w, b, two Adam slots each, two powers
            Assert.Equal(["Adam"], meta.CollectionDef["train_op"].NodeList.Value);
            Assert.Equal(["loss:0"], meta.CollectionDef["losses"].NodeList.Value);
            var step = VariableDef.Parser.ParseFrom(meta.CollectionDef["global_step"].BytesList.Value[0]);
            Assert.Equal("global_step:0", step.VariableName);
            Assert.False(step.Trainable);
        }
    }

    [Fact]
    public void Saved_model_round_trips_through_its_meta_file_into_a_fresh_graph()
    {
        string prefix = Path.Combine(TempDir(), "model.ckpt");
        float[] expected;
        string[] values;
        var g = new Graph();
        using (g.AsDefault())
        {
            var (x, y, train) = BuildModel();
            var target = g.GetTensorByName("target:0");
            var saver = tf.train.Saver();
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            var feed = new FeedDict { [x] = Inputs, [target] = NDArray.FromArray([0.5f, 2f, 2.5f], 3, 1) };
            for (int i = 0; i < 5; i++)
            {
                sess.Run(train, feed);
            }

            Assert.Equal(prefix + "-5", saver.Save(sess, prefix, global_step: 5));
            expected = sess.Run(y, new FeedDict { [x] = Inputs }).ToArray<float>();
            values = tf.global_variables().Select(v => $"{v.Name}={sess.Run(v)}").ToArray();
        }

        Assert.True(File.Exists(prefix + "-5.meta"));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(prefix)!, "*.tmp*"));

        var fresh = new Graph();
        using (fresh.AsDefault())
        {
            var saver = tf.train.import_meta_graph(prefix + "-5.meta");
            Assert.NotNull(saver);
            Assert.Equal(9, tf.global_variables().Count());
            Assert.Equal(["w:0", "b:0"], tf.trainable_variables().Select(v => v.Name).ToArray());
            Assert.Equal("Adam", Assert.Single(fresh.GetCollection<Operation>(tf.GraphKeys.TRAIN_OP)).Name);
            Assert.Equal("loss:0", Assert.Single(fresh.GetCollection<Tensor>(tf.GraphKeys.LOSSES)).Name);
            using var sess = new Session(fresh);
            saver!.Restore(sess, prefix + "-5");
            var x = fresh.GetTensorByName("x:0");
            Assert.Equal(expected, sess.Run(fresh.GetTensorByName("y:0"), new FeedDict { [x] = Inputs }).ToArray<float>());
            Assert.Equal(values, tf.global_variables().Select(v => $"{v.Name}={sess.Run(v)}").ToArray());

            // The imported variables still initialize and train.
            sess.Run(tf.global_variables_initializer());
            Assert.Equal(0.1f, sess.Run(tf.global_variables().Single(v => v.Name == "w:0")).ToArray<float>()[0]);
        }
    }

    [Fact]
    public void Text_meta_files_import_too()
    {
        string path = Path.Combine(TempDir(), "graph.meta.txt");
        var g = new Graph();
        using (g.AsDefault())
        {
            BuildModel();
            tf.train.export_meta_graph(path, as_text: true);
        }

        Assert.Contains("meta_info_def {", File.ReadAllText(path), StringComparison.Ordinal);
        var fresh = new Graph();
        using (fresh.AsDefault())
        {
            Assert.NotNull(tf.train.import_meta_graph(path)); // no SaverDef, but variables: a fresh Saver
            Assert.Equal(g.Operations.Count, fresh.Operations.Count - fresh.Operations.Count(o => o.Name.StartsWith("save/", StringComparison.Ordinal)));
            Assert.Equal(2, tf.trainable_variables().Count());
        }
    }

    [Fact]
    public void Tensorflow_xor_meta_imports_with_its_variables()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var saver = tf.train.import_meta_graph(Artifact("tfnet-meta-graphs/xor.meta"));
            Assert.NotNull(saver);
            Assert.Equal(["Variable:0", "Variable_1:0", "global_step:0"], tf.global_variables().Select(v => v.Name).ToArray());
            Assert.Equal(["Variable:0", "Variable_1:0"], tf.trainable_variables().Select(v => v.Name).ToArray());
            Assert.Equal(new Shape(2, 8), tf.global_variables().First().Shape);
            Assert.Equal("train_op", Assert.Single(g.GetCollection<Operation>(tf.GraphKeys.TRAIN_OP)).Name);

            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            var feed = new FeedDict
            {
                [g.GetTensorByName("Placeholder:0")] = NDArray.FromArray([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2),
                [g.GetTensorByName("Placeholder_1:0")] = NDArray.FromArray([0, 1, 1, 0], 4),
            };
            float before = sess.Run(g.GetTensorByName("loss:0"), feed).Item<float>();
            sess.Run(g.GetOperationByName("train_op"), feed);
            Assert.Equal(1, sess.Run(g.GetTensorByName("global_step:0")).Item<int>());
            Assert.True(float.IsFinite(before));
        }
    }

    [Fact]
    public void Legacy_cond_meta_graph_runs_its_switch_and_merge()
    {
        // cond_test.meta computes 2 < 5 ? 2 * 17 : 5 + 23 with TF1's Switch/Merge dataflow.
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.train.import_meta_graph(Artifact("tfnet-meta-graphs/cond_test.meta"));
            using var sess = new Session(g);
            Assert.Equal(34, sess.Run(g.GetTensorByName("cond/Merge:0")).Item<int>());
            var untaken = g.GetOperationByName("cond/Merge").Inputs.Single(t => t.Op.Name.Contains("Add", StringComparison.Ordinal));
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(untaken));
            Assert.Contains("Switch", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Legacy_while_loop_meta_graphs_fail_naming_the_missing_ops()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var e = Assert.Throws<GraphException>(() => tf.train.import_meta_graph(Artifact("tfnet-meta-graphs/word_rnn_untrained.meta")));
            Assert.Contains("Enter", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Half_plus_two_meta_graph_restores_and_computes_with_its_own_tensors()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var saver = tf.train.import_meta_graph(Artifact("serving-half_plus_two-v2ckpt/export.meta"));
            Assert.Equal(["Variable:0", "Variable_1:0"], tf.global_variables().Select(v => v.Name).ToArray());
            Assert.Single(g.GetCollection<Google.Protobuf.WellKnownTypes.Any>("serving_signatures"));
            using var sess = new Session(g);
            saver!.Restore(sess, Artifact("serving-half_plus_two-v2ckpt/export"));
            var y = sess.Run(g.GetTensorByName("Add:0"), new FeedDict { [g.GetTensorByName("Placeholder:0")] = NDArray.FromArray([0f, 1f, 2f, 5f], 4) });
            Assert.Equal([2f, 2.5f, 3f, 4.5f], y.ToArray<float>());
        }
    }

    [Fact]
    public void Missing_meta_files_and_garbage_are_clear_errors()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Throws<FileNotFoundException>(() => tf.train.import_meta_graph(Path.Combine(TempDir(), "none.meta")));
            string bad = Path.Combine(TempDir(), "bad.meta");
            File.WriteAllBytes(bad, [0xff, 0xff, 0xff, 0x0f, 0x12]);
            var e = Assert.Throws<InvalidArgumentException>(() => tf.train.import_meta_graph(bad));
            Assert.Contains("MetaGraphDef", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_imported_tensorflow_meta_graph_exports_the_same_variables_and_collections()
    {
        var original = MetaGraphDef.Parser.ParseFrom(File.ReadAllBytes(Artifact("tfnet-meta-graphs/xor.meta")));
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.train.import_meta_graph(original);
            var again = tf.train.export_meta_graph(graph: g);
            Assert.Equal(original.CollectionDef.Keys.Order(), again.CollectionDef.Keys.Order());
            Assert.Equal(original.CollectionDef["train_op"], again.CollectionDef["train_op"]);
            foreach (string key in new[] { "variables", "trainable_variables" })
            {
                var expected = original.CollectionDef[key].BytesList.Value.Select(b => VariableDef.Parser.ParseFrom(b))
                    .Select(v => (v.VariableName, v.InitialValueName, v.InitializerName, v.SnapshotName));
                var actual = again.CollectionDef[key].BytesList.Value.Select(b => VariableDef.Parser.ParseFrom(b))
                    .Select(v => (v.VariableName, v.InitialValueName, v.InitializerName, v.SnapshotName));
                Assert.Equal(expected, actual);
            }

            // xor.meta has no SaverDef, so import_meta_graph built a fresh Saver (save/...), as TF does.
            Assert.DoesNotContain(original.GraphDef.Node, n => n.Name.StartsWith("save/", StringComparison.Ordinal));
            Assert.Equal(original.GraphDef.Node.Select(n => n.Name).Order(StringComparer.Ordinal),
                again.GraphDef.Node.Select(n => n.Name).Where(n => !n.StartsWith("save/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        // Text format given directly rather than as a file.
        var fresh = new Graph();
        using (fresh.AsDefault())
        {
            Assert.NotNull(tf.train.import_meta_graph(TextFormat.Print(original)));
            Assert.Equal(3, tf.global_variables().Count());
        }
    }
}
