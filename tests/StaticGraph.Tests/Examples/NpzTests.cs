using System.IO.Compression;
using System.Text;
using StaticGraph.Examples;
using StaticGraph.Examples.Data;

namespace StaticGraph.Tests.Examples;

public sealed class NpzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("npz-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Saved_arrays_load_back_with_the_same_dtype_shape_and_values()
    {
        var arrays = new Dictionary<string, NDArray>
        {
            ["arr_0"] = NDArray.FromArray(new[] { 1.5f, -2f, 3.25f, 0f, 1e-30f, float.MaxValue }, 2, 3),
            ["arr_1"] = NDArray.FromArray(new[] { Math.PI, -1.0 }, 2),
            ["arr_2"] = NDArray.FromArray(new[] { int.MinValue, 7, int.MaxValue, 0 }, 1, 2, 2, 1),
            ["arr_3"] = NDArray.FromArray(new[] { long.MaxValue }, 1),
            ["arr_4"] = NDArray.FromArray(new byte[] { 0, 255, 17 }, 3),
            ["arr_5"] = NDArray.FromArray(new[] { true, false }, 2),
            ["scalar"] = NDArray.Scalar(4.5f),
        };
        string path = Path.Combine(_dir, "weights.npz");

        Npz.Save(path, arrays);
        var loaded = Npz.Load(path);

        Assert.Equal(arrays.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, expected) in arrays)
        {
            Assert.Equal(expected.DType, loaded[name].DType);
            Assert.Equal(expected.Shape.ToArray(), loaded[name].Shape.ToArray());
            Assert.Equal(Npz.ToNpy(expected, name), Npz.ToNpy(loaded[name], name));
        }

        Assert.Equal(new[] { 1.5f, -2f, 3.25f, 0f, 1e-30f, float.MaxValue }, loaded["arr_0"].ToArray<float>());
        Assert.Equal(new[] { true, false }, loaded["arr_5"].ToArray<bool>());
    }

    [Fact]
    public void The_npy_header_is_numpys_dict_padded_so_the_data_starts_on_a_64_byte_boundary()
    {
        var bytes = Npz.ToNpy(NDArray.FromArray(new[] { 1f, 2f, 3f }, 3), "v");

        // Magic, version 1.0, little-endian header length, then the header text ending in a newline.
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
        int headerLength = bytes[8] | (bytes[9] << 8);
        string header = Encoding.Latin1.GetString(bytes, 10, headerLength);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", header, StringComparison.Ordinal);
        Assert.EndsWith("\n", header, StringComparison.Ordinal);
        Assert.Equal(10 + headerLength + 12, bytes.Length);
        Assert.Equal(2f, BitConverter.ToSingle(bytes, 10 + headerLength + 4));
    }

    [Fact]
    public void Save_writes_deflated_npy_entries_as_savez_compressed_does()
    {
        string path = Path.Combine(_dir, "c.npz");

        Npz.Save(path, [KeyValuePair.Create("arr_0", NDArray.FromArray(new float[1000], 1000))]);

        using var zip = ZipFile.OpenRead(path);
        var entry = Assert.Single(zip.Entries);
        Assert.Equal("arr_0.npy", entry.FullName);
        Assert.True(entry.CompressedLength < entry.Length / 10, $"{entry.CompressedLength} of {entry.Length} bytes");
    }

    [Fact]
    public void A_failed_save_leaves_neither_the_file_nor_a_temporary_behind()
    {
        string path = Path.Combine(_dir, "bad.npz");
        var strings = NDArray.FromString("not numeric");

        var error = Assert.Throws<ArgumentException>(() => Npz.Save(path, [KeyValuePair.Create("arr_0", strings)]));

        Assert.Contains("arr_0", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void The_confusion_matrix_counts_true_rows_against_argmax_columns()
    {
        var probabilities = NDArray.FromArray(new[] { 0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f, 0.2f, 0.5f, 0.3f, 0.9f, 0.05f, 0.05f }, 4, 3);
        var labels = NDArray.FromArray(new[] { 0, 2, 2, 1 }, 4);

        var counts = FontTraining.Confusion(probabilities, labels);

        Assert.Equal(new int[,] { { 1, 0, 0 }, { 1, 0, 0 }, { 0, 1, 1 } }, counts);
    }
}
