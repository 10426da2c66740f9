using static StaticGraph.Tests.IO.CheckpointTestFiles;

namespace StaticGraph.Tests.IO;

public class CheckpointStateTests
{
    [Fact]
    public void Max_to_keep_keeps_the_newest_checkpoints_and_updates_the_state_file()
    {
        var g = new Graph();
        Saver saver;
        Operation init, bump;
        Variable v;
        using (g.AsDefault())
        {
            v = tf.Variable(tf.constant(0f), name: "v");
            bump = v.AssignAdd(tf.constant(1f));
            saver = tf.train.Saver(max_to_keep: 2);
            init = tf.global_variables_initializer();
        }

        string dir = TempDir();
        using var sess = new Session(g);
        sess.Run(init);
        for (int step = 1; step <= 4; step++)
        {
            sess.Run(bump);
            Assert.Equal(Path.Combine(dir, "model.ckpt") + $"-{step}", saver.Save(sess, Path.Combine(dir, "model.ckpt"), global_step: step));
        }

        Assert.Equal([Path.Combine(dir, "model.ckpt-3"), Path.Combine(dir, "model.ckpt-4")], saver.LastCheckpoints);
        Assert.Equal(
            ["checkpoint", "model.ckpt-3.data-00000-of-00001", "model.ckpt-3.index", "model.ckpt-3.meta", "model.ckpt-4.data-00000-of-00001",
                "model.ckpt-4.index", "model.ckpt-4.meta"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var state = tf.train.get_checkpoint_state(dir)!;
        Assert.Equal(Path.Combine(dir, "model.ckpt-4"), state.ModelCheckpointPath);
        Assert.Equal([Path.Combine(dir, "model.ckpt-3"), Path.Combine(dir, "model.ckpt-4")], state.AllModelCheckpointPaths);
        Assert.Equal(Path.Combine(dir, "model.ckpt-4"), tf.train.latest_checkpoint(dir));
        Assert.Equal(4f, tf.train.load_checkpoint(dir).GetTensor("v").Item<float>());
        Assert.DoesNotContain(Directory.GetFiles(dir), f => f.Contains("tempstate", StringComparison.Ordinal));
    }

    [Fact]
    public void Relative_paths_are_written_and_resolved_against_the_folder()
    {
        var g = new Graph();
        Saver saver;
        Operation init;
        using (g.AsDefault())
        {
            tf.Variable(tf.constant(1.5), name: "x");
            saver = tf.train.Saver(save_relative_paths: true);
            init = tf.global_variables_initializer();
        }

        string dir = TempDir();
        using var sess = new Session(g);
        sess.Run(init);
        saver.Save(sess, Path.Combine(dir, "m"), global_step: 10);
        string text = File.ReadAllText(Path.Combine(dir, "checkpoint"));
        Assert.Contains("model_checkpoint_path: \"m-10\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(dir, text, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(dir, "m-10"), tf.train.latest_checkpoint(dir));
    }

    [Fact]
    public void Latest_checkpoint_resolves_tensorflows_relative_state_file()
    {
        string dir = Artifact("tf2onnx-regression/checkpoint");
        Assert.Equal(Path.Combine(dir, "model"), tf.train.latest_checkpoint(dir));
        Assert.Equal(1.04952538f, tf.train.load_checkpoint(dir).GetTensor("b").Item<float>());
        Assert.Equal([("W", Array.Empty<int>()), ("b", Array.Empty<int>())], tf.train.list_variables(dir).Select(p => (p.name, p.shape)));

        // Absolute paths from the writer's machine do not exist here: TF's latest_checkpoint returns None.
        Assert.Null(tf.train.latest_checkpoint(Artifact("tb-functionaltests-estimator")));
        Assert.Equal(4, tf.train.get_checkpoint_state(Artifact("tb-functionaltests-estimator"))!.AllModelCheckpointPaths.Count);
        Assert.Null(tf.train.latest_checkpoint(TempDir()));
        Assert.Null(tf.train.get_checkpoint_state(TempDir()));
    }
}
