using System.IO.Compression;
using StaticGraph.Examples.Data;

namespace StaticGraph.Tests.Examples;

public class IdxTests
{
    [Fact]
    public void Written_bytes_read_back_with_their_shape_raw_and_gzipped()
    {
        using var dir = new TempDir();
        var data = Enumerable.Range(0, 24).Select(i => (byte)(i * 10)).ToArray();
        Idx.WriteBytes(dir.File("images-idx3-ubyte"), data, 2, 3, 4);
        var raw = File.ReadAllBytes(dir.File("images-idx3-ubyte"));
        Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4 }, raw[..16]);
        using (var gz = new GZipStream(File.Create(dir.File("images-idx3-ubyte.gz")), CompressionLevel.Optimal))
        {
            gz.Write(raw);
        }

        foreach (var name in new[] { "images-idx3-ubyte", "images-idx3-ubyte.gz" })
        {
            var array = Idx.Load(dir.File(name));
            Assert.Equal(tf.uint8, array.DType);
            Assert.Equal([2, 3, 4], array.Shape.ToArray());
            Assert.Equal(data, array.ToArray<byte>());
        }
    }

    [Fact]
    public void Big_endian_int32_and_float32_elements_decode()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("ints"), [0, 0, 0x0C, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFE]);
        Assert.Equal([256, -2], Idx.Load(dir.File("ints")).ToArray<int>());
        File.WriteAllBytes(dir.File("floats"), [0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, 0xC0, 0, 0]);
        Assert.Equal([1.5f], Idx.Load(dir.File("floats")).ToArray<float>());
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 7 }, "two zero bytes")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 7 }, "needs 11 bytes, the file has 9")]
    [InlineData(new byte[] { 0, 0, 0x42, 1, 0, 0, 0, 1, 7 }, "unknown IDX element type 0x42")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 1 }, "truncated IDX header")]
    public void Corrupt_files_are_rejected_with_the_reason(byte[] bytes, string message)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("bad"), bytes);
        var error = Assert.Throws<InvalidDataException>(() => Idx.Load(dir.File("bad")));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(dir.File("bad"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_mnist_loads_as_28_by_28_images_in_the_unit_interval()
    {
        using var dir = new TempDir();
        SyntheticMnist.Write(dir.Path, trainCount: 50, testCount: 20, seed: 3);
        var train = Mnist.Load(dir.Path, train: true);
        var test = Mnist.Load(dir.Path, train: false, shuffle: false);
        Assert.Equal((50, 20), (train.Count, test.Count));
        Assert.Equal([20, 28, 28, 1], test.Images.Shape.ToArray());
        var pixels = train.Images.ToArray<float>();
        Assert.InRange(pixels.Min(), 0f, 0f);
        Assert.InRange(pixels.Max(), 1f, 1f);
        Assert.All(test.Labels.ToArray<int>(), l => Assert.InRange(l, 0, 9));
    }

    [Fact]
    public void A_folder_without_mnist_files_names_the_missing_file()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<FileNotFoundException>(() => Mnist.Load(dir.Path, train: true));
        Assert.Contains("train-images-idx3-ubyte", error.Message, StringComparison.Ordinal);
    }
}
