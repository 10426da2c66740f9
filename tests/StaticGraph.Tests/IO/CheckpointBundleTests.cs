using StaticGraph.IO;
using static StaticGraph.Tests.IO.CheckpointTestFiles;

namespace StaticGraph.Tests.IO;

public class CheckpointBundleTests
{
    private static List<(string, NDArray)> AllDTypes() =>
    [
        ("b/bool", NDArray.FromArray([true, false, true], 3)),
        ("f32", NDArray.FromArray([1.5f, -0f, float.NaN, float.PositiveInfinity, 1e-45f, 3.4e38f], 2, 3)),
        ("f64", NDArray.FromArray([Math.PI, -0.0, double.Epsilon, double.NegativeInfinity], 4)),
        ("i32", NDArray.FromArray([int.MinValue, -1, 0, int.MaxValue], 2, 2)),
        ("i64", NDArray.Scalar(long.MinValue + 7)),
        ("s", NDArray.FromMultiDimArray(new[] { "", "hello", new string('x', 300), "ünïcødé" })),
        ("u8", NDArray.FromArray(new byte[] { 0, 1, 127, 128, 255 }, 5)),
        ("zero", NDArray.Zeros(DType.Float32, new Shape(0, 3))),
    ];

    [Fact]
    public void Bundle_round_trip_is_bit_identical_for_every_dtype()
    {
        string prefix = Path.Combine(TempDir(), "model.ckpt");
        var tensors = AllDTypes();
        BundleWriter.Write(prefix, tensors);
        var reader = new CheckpointReader(prefix);
        foreach (var (name, value) in tensors)
        {
            var back = reader.GetTensor(name);
            Assert.Equal(value.DType, back.DType);
            Assert.Equal(value.Shape, back.Shape);
            if (value.DType == DType.String)
            {
                Assert.Equal(value.ToArray<byte[]>(), back.ToArray<byte[]>());
            }
            else
            {
                Assert.Equal(TensorBytes.Encode(value).Bytes, TensorBytes.Encode(back).Bytes);
            }
        }

        Assert.Equal([2, 3], reader.GetVariableToShapeMap()["f32"]);
        Assert.Equal(DType.String, reader.GetVariableToDataTypeMap()["s"]);
        Assert.Equal(2, Directory.GetFiles(Path.GetDirectoryName(prefix)!).Length);
    }

    [Fact]
    public void Writing_the_same_values_twice_gives_byte_identical_files()
    {
        string a = Path.Combine(TempDir(), "m");
        string b = Path.Combine(TempDir(), "m");
        BundleWriter.Write(a, AllDTypes());
        BundleWriter.Write(b, AllDTypes());
        Assert.Equal(File.ReadAllBytes(a + ".index"), File.ReadAllBytes(b + ".index"));
        Assert.Equal(File.ReadAllBytes(a + ".data-00000-of-00001"), File.ReadAllBytes(b + ".data-00000-of-00001"));
    }

    [Fact]
    public void Index_starts_with_the_header_entry_08_01_1a_02_08_01()
    {
        string prefix = Path.Combine(TempDir(), "m");
        BundleWriter.Write(prefix, [("x", NDArray.Scalar(1f))]);
        var index = File.ReadAllBytes(prefix + ".index");

        // First block entry: shared 0, key length 0, value length 6, then the BundleHeaderProto bytes.
        Assert.Equal(new byte[] { 0, 0, 6, 0x08, 0x01, 0x1a, 0x02, 0x08, 0x01 }, index[..9]);
        Assert.Equal(0xdb4775248b80fb57UL, BitConverter.ToUInt64(index, index.Length - 8));
    }

    [Fact]
    public void Writer_reproduces_tensorflows_half_plus_two_files_byte_for_byte()
    {
        string prefix = Path.Combine(TempDir(), "export");
        BundleWriter.Write(prefix, [("Variable", NDArray.Scalar(0.5f)), ("Variable_1", NDArray.Scalar(2f))]);
        string tf = Artifact("serving-half_plus_two-v2ckpt/export");
        Assert.Equal(File.ReadAllBytes(tf + ".index"), File.ReadAllBytes(prefix + ".index"));
        Assert.Equal(File.ReadAllBytes(tf + ".data-00000-of-00001"), File.ReadAllBytes(prefix + ".data-00000-of-00001"));
    }

    [Fact]
    public void String_layout_matches_tensorflows_object_graph_entry()
    {
        // Re-encoding TF2's _CHECKPOINTABLE_OBJECT_GRAPH gives the bytes and CRC TensorFlow wrote.
        string tf = Artifact("serving-saved_model_half_plus_two_tf2_cpu/variables/variables");
        var value = new CheckpointReader(tf).GetTensor("_CHECKPOINTABLE_OBJECT_GRAPH");
        var (bytes, _) = TensorBytes.Encode(value);
        var data = File.ReadAllBytes(tf + ".data-00000-of-00001");
        Assert.Equal(619, bytes.Length);
        Assert.Equal(data.AsSpan(12, 619).ToArray(), bytes);
    }

    [Fact]
    public void Large_bundles_span_several_data_blocks()
    {
        string prefix = Path.Combine(TempDir(), "big");
        var tensors = Enumerable.Range(0, 3000).Select(i => ($"layer_{i:D5}/kernel/with/a/long/name/{new string('k', 80)}", NDArray.Scalar(i))).ToList();
        BundleWriter.Write(prefix, tensors);
        Assert.True(new FileInfo(prefix + ".index").Length > 300 * 1024);
        var reader = new CheckpointReader(prefix);
        Assert.Equal(3000, reader.GetVariableToShapeMap().Count);
        Assert.Equal(2999, reader.GetTensor(tensors[^1].Item1).Item<int>());
        Assert.Equal(1234, reader.GetTensor(tensors[1234].Item1).Item<int>());
    }
}
