using static StaticGraph.Tests.IO.CheckpointTestFiles;

namespace StaticGraph.Tests.IO;

public class SaverTests
{
    private static Variable[] MakeVariables(Graph g, int seed)
    {
        using var _ = g.AsDefault();
        return
        [
            tf.Variable(tf.constant(NDArray.FromArray([1.5f * seed, -2f, float.NaN], 3)), name: "f32"),
            tf.Variable(tf.constant(NDArray.FromArray([Math.PI * seed, -0.0], 2)), name: "f64"),
            tf.Variable(tf.constant(NDArray.FromArray([seed, int.MinValue, int.MaxValue, 0], 2, 2)), name: "scope/i32"),
            tf.Variable(tf.constant(NDArray.Scalar(long.MaxValue - seed)), name: "i64"),
            tf.Variable(tf.constant(NDArray.FromArray([seed % 2 == 0, true], 2)), name: "flag"),
            tf.Variable(tf.constant(NDArray.FromArray(new byte[] { (byte)seed, 255 }, 2)), name: "u8"),
            tf.Variable(tf.constant(NDArray.FromMultiDimArray(new[] { $"seed {seed}", "" })), name: "str"),
        ];
    }

    private static string Dump(Session sess, Variable[] vars) => string.Join("|", vars.Select(v =>
    {
        var nd = sess.Run(v);
        return v.DType == DType.String ? string.Join(",", nd.ToArray<byte[]>().Select(Convert.ToHexString)) : nd.ToString();
    }));

    [Fact]
    public void Save_then_restore_gives_bit_identical_values_for_every_dtype()
    {
        var g = new Graph();
        var vars = MakeVariables(g, 3);
        Saver saver;
        using (g.AsDefault())
        {
            saver = tf.train.Saver();
        }

        string prefix = Path.Combine(TempDir(), "model.ckpt");
        using var sess = new Session(g);
        sess.Run(tf.variables_initializer(vars));
        string expected = Dump(sess, vars);
        Assert.Equal(prefix, saver.Save(sess, prefix, write_state: false));
        Assert.True(File.Exists(prefix + ".index"));
        Assert.True(File.Exists(prefix + ".data-00000-of-00001"));

        // A second graph with other values restores the saved ones.
        var g2 = new Graph();
        var vars2 = MakeVariables(g2, 8);
        Saver saver2;
        using (g2.AsDefault())
        {
            saver2 = tf.train.Saver();
        }

        using var sess2 = new Session(g2);
        sess2.Run(tf.variables_initializer(vars2));
        Assert.NotEqual(expected, Dump(sess2, vars2));
        saver2.Restore(sess2, prefix);
        Assert.Equal(expected, Dump(sess2, vars2));

        var reader = tf.train.NewCheckpointReader(prefix);
        Assert.Equal(["f32", "f64", "flag", "i64", "scope/i32", "str", "u8"], reader.GetVariableToShapeMap().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Saver_builds_tensorflows_ops_and_saver_def()
    {
        var g = new Graph();
        MakeVariables(g, 1);
        Saver saver;
        using (g.AsDefault())
        {
            saver = tf.train.Saver(max_to_keep: 3);
        }

        foreach (var name in new[] { "save/filename", "save/Const", "save/SaveV2/tensor_names", "save/SaveV2/shape_and_slices", "save/SaveV2",
                     "save/control_dependency", "save/RestoreV2", "save/RestoreV2/tensor_names", "save/Assign", "save/Assign_6", "save/restore_all" })
        {
            Assert.True(g.TryGetOperation(name) is not null, $"missing {name}");
        }

        Assert.Equal("SaveV2", g.GetOperationByName("save/SaveV2").Type);
        Assert.Equal(7, g.GetOperationByName("save/restore_all").ControlInputs.Count);
        var def = saver.AsSaverDef();
        Assert.Equal("save/Const:0", def.FilenameTensorName);
        Assert.Equal("save/control_dependency:0", def.SaveTensorName);
        Assert.Equal("save/restore_all", def.RestoreOpName);
        Assert.Equal(3, def.MaxToKeep);
        Assert.False(def.Sharded);
        Assert.Equal(10000f, def.KeepCheckpointEveryNHours);
        Assert.Equal(Tensorflow.SaverDef.Types.CheckpointFormatVersion.V2, def.Version);
    }

    [Fact]
    public void Adam_slots_and_beta_powers_are_saved_under_tf1_names()
    {
        var g = new Graph();
        Saver saver;
        Variable w;
        Operation train, init;
        using (g.AsDefault())
        {
            w = tf.Variable(tf.constant(NDArray.FromArray([1f, 2f], 2)), name: "w");
            var b = tf.Variable(tf.constant(0.5f), name: "b");
            var loss = tf.reduce_sum(tf.square(w.Value * b.Value));
            train = tf.train.AdamOptimizer(0.1).Minimize(loss);
            saver = tf.train.Saver();
            init = tf.global_variables_initializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        sess.Run(train);
        string prefix = Path.Combine(TempDir(), "adam");
        saver.Save(sess, prefix, global_step: 7, write_state: false);
        var reader = tf.train.NewCheckpointReader(prefix + "-7");
        Assert.Equal(["b", "b/Adam", "b/Adam_1", "beta1_power", "beta2_power", "w", "w/Adam", "w/Adam_1"],
            reader.GetVariableToShapeMap().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.81f, reader.GetTensor("beta1_power").Item<float>(), 6);
        Assert.Equal(sess.Run(w).ToArray<float>(), reader.GetTensor("w").ToArray<float>());
    }

    [Fact]
    public void Restore_never_returns_after_a_crc_mismatch_and_changes_nothing()
    {
        var g = new Graph();
        var vars = MakeVariables(g, 2);
        Saver saver;
        using (g.AsDefault())
        {
            saver = tf.train.Saver();
        }

        using var sess = new Session(g);
        sess.Run(tf.variables_initializer(vars));
        string prefix = Path.Combine(TempDir(), "m");
        saver.Save(sess, prefix, write_state: false);
        string data = prefix + ".data-00000-of-00001";
        var bytes = File.ReadAllBytes(data);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(data, bytes);

        var g2 = new Graph();
        var vars2 = MakeVariables(g2, 5);
        Saver saver2;
        using (g2.AsDefault())
        {
            saver2 = tf.train.Saver();
        }

        using var sess2 = new Session(g2);
        sess2.Run(tf.variables_initializer(vars2));
        string before = Dump(sess2, vars2);
        var e = Assert.Throws<DataLossException>(() => saver2.Restore(sess2, prefix));
        Assert.Contains(data, e.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Dump(sess2, vars2));
    }

    [Fact]
    public void Sharded_saver_merges_its_shard_into_the_prefix()
    {
        var g = new Graph();
        var vars = MakeVariables(g, 4);
        Saver saver;
        using (g.AsDefault())
        {
            saver = tf.train.Saver(sharded: true);
        }

        Assert.Equal("save/Identity:0", saver.AsSaverDef().SaveTensorName);
        Assert.True(saver.AsSaverDef().Sharded);
        using var sess = new Session(g);
        sess.Run(tf.variables_initializer(vars));
        string dir = TempDir();
        string prefix = Path.Combine(dir, "model");
        Assert.Equal(prefix, saver.Save(sess, prefix, write_state: false));
        Assert.Equal(["model.data-00000-of-00001", "model.index", "model.meta"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string expected = Dump(sess, vars);
        sess.Run(tf.variables_initializer(vars));
        saver.Restore(sess, prefix);
        Assert.Equal(expected, Dump(sess, vars));
    }

    [Fact]
    public void Restore_reads_tensorflow_written_checkpoints()
    {
        var g = new Graph();
        Variable w, b;
        Saver saver;
        using (g.AsDefault())
        {
            w = tf.Variable(tf.constant(0f), name: "W");
            b = tf.Variable(tf.constant(0f), name: "b");
            saver = tf.train.Saver();
        }

        using var sess = new Session(g);
        saver.Restore(sess, Artifact("tf2onnx-regression/checkpoint/model"));
        Assert.Equal(0.21396178f, sess.Run(w).Item<float>());
        Assert.Equal(1.04952538f, sess.Run(b).Item<float>());
        Assert.Throws<InvalidArgumentException>(() => saver.Restore(sess, Path.Combine(TempDir(), "missing")));
    }
}

public class ImportedSaverTests
{
    [Fact]
    public void An_imported_tensorflow_graph_restores_and_saves_itself_with_its_own_ops()
    {
        var meta = Tensorflow.MetaGraphDef.Parser.ParseFrom(File.ReadAllBytes(Artifact("serving-half_plus_two-v2ckpt/export.meta")));
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.import_graph_def(meta.GraphDef, name: "");
        }

        var saver = new Saver(meta.SaverDef, g);
        using var sess = new Session(g);
        saver.Restore(sess, Artifact("serving-half_plus_two-v2ckpt/export"));
        Assert.Equal(2f, sess.Run(g.GetTensorByName("Variable_1:0")).Item<float>());
        string prefix = Path.Combine(TempDir(), "again");
        Assert.Equal(prefix, saver.Save(sess, prefix, write_state: false));
        Assert.Equal(File.ReadAllBytes(Artifact("serving-half_plus_two-v2ckpt/export.index")), File.ReadAllBytes(prefix + ".index"));
        Assert.Equal(File.ReadAllBytes(Artifact("serving-half_plus_two-v2ckpt/export.data-00000-of-00001")), File.ReadAllBytes(prefix + ".data-00000-of-00001"));
    }
}
