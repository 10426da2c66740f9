using StaticGraph.Ops;
using static StaticGraph.Tests.IO.CheckpointTestFiles;

namespace StaticGraph.Tests.IO;

public class CheckpointOpsTests
{
    private static string Str(NDArray nd) => System.Text.Encoding.UTF8.GetString(nd.Item<byte[]>());

    [Fact]
    public void ShardedFilename_and_ShardedFilespec_format_like_tensorflow()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var name = CheckpointOps.ShardedFilename(tf.constant("ckpt/model"), tf.constant(3), tf.constant(12), null);
        var spec = g.AddOperation("ShardedFilespec", null, [tf.constant("m"), tf.constant(2)]).Output;
        using var sess = new Session(g);
        Assert.Equal("ckpt/model-00003-of-00012", Str(sess.Run(name)));
        Assert.Equal("m-?????-of-00002", Str(sess.Run(spec)));
    }

    [Fact]
    public void StringJoin_broadcasts_scalars_with_the_separator()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var joined = CheckpointOps.StringJoin([tf.constant(new[] { "a", "bc" }), tf.constant("-"), tf.constant(new[] { "x", "" })], "/", null);
        Assert.Equal(new Shape(2), joined.Shape);
        using var sess = new Session(g);
        var result = sess.Run(joined).ToArray<byte[]>().Select(b => System.Text.Encoding.UTF8.GetString(b));
        Assert.Equal(["a/-/x", "bc/-/"], result);
    }

    [Fact]
    public void SaveV2_RestoreV2_and_MergeV2Checkpoints_round_trip()
    {
        string dir = TempDir();
        var g = new Graph();
        using var _ = g.AsDefault();
        var part0 = Path.Combine(dir, "tmp", "part-0");
        var part1 = Path.Combine(dir, "tmp", "part-1");
        var save0 = CheckpointOps.SaveV2(tf.constant(part0), tf.constant(new[] { "x" }), tf.constant(new[] { "" }), [tf.constant(new[] { 1, 2 })], null);
        var save1 = CheckpointOps.SaveV2(tf.constant(part1), tf.constant(new[] { "y" }), tf.constant(new[] { "" }), [tf.constant(2.5)], null);
        var merge = CheckpointOps.MergeV2Checkpoints(tf.constant(new[] { part0, part1 }), tf.constant(Path.Combine(dir, "merged")), true, null);
        var restored = CheckpointOps.RestoreV2(tf.constant(Path.Combine(dir, "merged")), tf.constant(new[] { "y", "x" }), tf.constant(new[] { "", "" }),
            [DType.Float64, DType.Int32], null);
        using var sess = new Session(g);
        sess.Run(save0);
        sess.Run(save1);
        sess.Run(merge);
        Assert.False(Directory.Exists(Path.Combine(dir, "tmp")));
        Assert.True(File.Exists(Path.Combine(dir, "merged.data-00001-of-00002")));
        var (y, x) = sess.Run((restored[0], restored[1]));
        Assert.Equal(2.5, y.Item<double>());
        Assert.Equal([1, 2], x.ToArray<int>());

        var wrong = CheckpointOps.RestoreV2(tf.constant(Path.Combine(dir, "merged")), tf.constant(new[] { "x" }), tf.constant(new[] { "" }), [DType.Float32], null);
        Assert.Throws<InvalidArgumentException>(() => sess.Run(wrong[0]));
        var missing = CheckpointOps.RestoreV2(tf.constant(Path.Combine(dir, "merged")), tf.constant(new[] { "z" }), tf.constant(new[] { "" }), [DType.Float32], null);
        Assert.Throws<InvalidArgumentException>(() => sess.Run(missing[0]));
    }

    [Fact]
    public void RestoreV2_falls_back_to_v1_checkpoints()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var restored = CheckpointOps.RestoreV2(tf.constant(Artifact("serving-bad_half_plus_two-v1ckpt/export")), tf.constant(new[] { "Variable_1" }),
            tf.constant(new[] { "" }), [DType.Float32], null);
        using var sess = new Session(g);
        Assert.Equal(2f, sess.Run(restored[0]).Item<float>());
    }
}
