using StaticGraph.IO;
using static StaticGraph.Tests.IO.CheckpointTestFiles;

namespace StaticGraph.Tests.IO;

public class CheckpointReaderTests
{
    [Fact]
    public void Crc32c_matches_the_standard_check_value_and_mask_round_trips()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(Crc32C.Compute(data), Crc32C.Extend(Crc32C.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
        Assert.Equal(0x12345678u, Crc32C.Unmask(Crc32C.Mask(0x12345678u)));
        Assert.NotEqual(0x12345678u, Crc32C.Mask(0x12345678u));
    }

    [Fact]
    public void Half_plus_two_v2_checkpoint_reads_a_and_b()
    {
        var reader = tf.train.NewCheckpointReader(Artifact("serving-half_plus_two-v2ckpt/export"));
        Assert.True(reader.IsV2);
        var shapes = reader.GetVariableToShapeMap();
        Assert.Equal(["Variable", "Variable_1"], shapes.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(shapes["Variable"]);
        Assert.Equal(0.5f, reader.GetTensor("Variable").Item<float>());
        Assert.Equal(2f, reader.GetTensor("Variable_1").Item<float>());
        Assert.Equal(DType.Float32, reader.GetVariableToDataTypeMap()["Variable_1"]);
        Assert.True(reader.HasTensor("Variable"));
        Assert.False(reader.HasTensor("nope"));
        Assert.Throws<KeyNotFoundException>(() => reader.GetTensor("nope"));
    }

    [Fact]
    public void Tf2onnx_regression_checkpoint_reads_W_and_b()
    {
        var reader = tf.train.NewCheckpointReader(Artifact("tf2onnx-regression/checkpoint/model"));
        Assert.Equal(0.21396178f, reader.GetTensor("W").Item<float>());
        Assert.Equal(1.04952538f, reader.GetTensor("b").Item<float>());
    }

    [Fact]
    public void Snappy_compressed_saved_model_variables_read()
    {
        var reader = tf.train.NewCheckpointReader(Artifact("serving-saved_model_half_plus_two_cpu/variables/variables"));
        Assert.Equal(["a", "a2", "b", "c", "c2"], reader.GetVariableToShapeMap().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.5f, reader.GetTensor("a").Item<float>());
        Assert.Equal(0.5f, reader.GetTensor("a2").Item<float>());
        Assert.Equal(2f, reader.GetTensor("b").Item<float>());
        Assert.Equal(3f, reader.GetTensor("c").Item<float>());
        Assert.Equal(3f, reader.GetTensor("c2").Item<float>());
    }

    [Fact]
    public void Tf2_saved_model_variables_read_with_the_string_object_graph_crc_verified()
    {
        var reader = tf.train.NewCheckpointReader(Artifact("serving-saved_model_half_plus_two_tf2_cpu/variables/variables"));
        Assert.Equal(0.5f, reader.GetTensor("a/.ATTRIBUTES/VARIABLE_VALUE").Item<float>());
        Assert.Equal(2f, reader.GetTensor("b/.ATTRIBUTES/VARIABLE_VALUE").Item<float>());
        Assert.Equal(3f, reader.GetTensor("c/.ATTRIBUTES/VARIABLE_VALUE").Item<float>());
        var graph = reader.GetTensor("_CHECKPOINTABLE_OBJECT_GRAPH");
        Assert.Equal(DType.String, graph.DType);
        Assert.Equal(0, graph.Rank);
        var objects = Tensorflow.TrackableObjectGraph.Parser.ParseFrom(graph.Item<byte[]>());
        Assert.Equal(24, objects.Nodes.Count);
        Assert.Contains(objects.Nodes.SelectMany(n => n.Attributes), a => a.CheckpointKey == "a/.ATTRIBUTES/VARIABLE_VALUE");
    }

    [Fact]
    public void V1_half_plus_two_checkpoints_read()
    {
        var bad = tf.train.NewCheckpointReader(Artifact("serving-bad_half_plus_two-v1ckpt/export"));
        Assert.False(bad.IsV2);
        Assert.Equal(0.5f, bad.GetTensor("Variable").Item<float>());
        Assert.Equal(2f, bad.GetTensor("Variable_1").Item<float>());

        var bundle = tf.train.NewCheckpointReader(Artifact("serving-session_bundle-half_plus_two-v1/export-00000-of-00001"));
        Assert.Equal(0.5f, bundle.GetTensor("a").Item<float>());
        Assert.Equal(2f, bundle.GetTensor("b").Item<float>());

        var pattern = tf.train.NewCheckpointReader(Artifact("serving-session_bundle-half_plus_two-v1/export-?????-of-00001"));
        Assert.Equal(2f, pattern.GetTensor("b").Item<float>());
    }

    [Fact]
    public void V1_estimator_checkpoint_reassembles_partitioned_variables()
    {
        var reader = tf.train.NewCheckpointReader(Artifact("tb-functionaltests-estimator/model.ckpt-3000-?????-of-00001"));
        var shapes = reader.GetVariableToShapeMap();
        Assert.Equal([100, 1], shapes["linear/language/weights"]);
        Assert.Equal([1, 1], shapes["linear/age/weight"]);
        Assert.Equal(3000L, reader.GetTensor("global_step").Item<long>());
        Assert.Equal(DType.Int64, reader.GetVariableToDataTypeMap()["global_step"]);
        var weights = reader.GetTensor("linear/language/weights");
        Assert.Equal(new Shape(100, 1), weights.Shape);
        Assert.Contains(weights.ToArray<float>(), w => w != 0);
        Assert.All(weights.ToArray<float>(), w => Assert.True(float.IsFinite(w)));
        Assert.DoesNotContain(shapes.Keys, k => k.Contains("part_0", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_checkpoint_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => tf.train.NewCheckpointReader(Path.Combine(TempDir(), "model.ckpt")));
    }
}
