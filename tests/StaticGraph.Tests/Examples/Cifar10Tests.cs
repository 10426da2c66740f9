using StaticGraph.Examples.Data;

namespace StaticGraph.Tests.Examples;

public class Cifar10Tests
{
    [Fact]
    public void Binary_batches_round_trip_as_label_byte_then_3072_pixel_bytes()
    {
        using var dir = new TempDir();
        var pixels = Enumerable.Range(0, 3 * Cifar10.ImageBytes).Select(i => (byte)(i % 256)).ToArray();
        Cifar10.WriteBinary(dir.File("data_batch_1.bin"), pixels, [2, 0, 9]);
        var bytes = File.ReadAllBytes(dir.File("data_batch_1.bin"));
        Assert.Equal(3 * 3073, bytes.Length);
        Assert.Equal((byte)0, bytes[3073]);        // second record's label
        Assert.Equal((byte)1, bytes[3073 + 2]);    // its second pixel: (3072 + 1) % 256
        var (read, labels) = Cifar10.ReadBatch(dir.File("data_batch_1.bin"));
        Assert.Equal(pixels, read);
        Assert.Equal([2, 0, 9], labels);
    }

    [Fact]
    public void A_binary_file_of_partial_records_is_corrupt()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("data_batch_1.bin"), new byte[3073 + 5]);
        var error = Assert.Throws<InvalidDataException>(() => Cifar10.ReadBatch(dir.File("data_batch_1.bin")));
        Assert.Contains("not a whole number of CIFAR-10 records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_batch_file_is_named()
    {
        using var dir = new TempDir();
        Cifar10.WriteBinary(dir.File("data_batch_1.bin"), new byte[Cifar10.ImageBytes], [1]);
        var error = Assert.Throws<FileNotFoundException>(() => Cifar10.Files(dir.Path));
        Assert.Contains("data_batch_2.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_cifar_writes_the_six_binary_batches_with_every_class()
    {
        using var dir = new TempDir();
        SyntheticCifar.Write(dir.Path, perBatch: 100, seed: 5);
        var (train, test) = Cifar10.Files(dir.Path);
        Assert.Equal(5, train.Length);
        var (pixels, labels) = Cifar10.ReadBatch(test[0]);
        Assert.Equal(100 * Cifar10.ImageBytes, pixels.Length);
        Assert.Equal(Enumerable.Range(0, 10), labels.Distinct().Order());
    }

    [Fact]
    public void Cifar_data_keeps_only_the_requested_classes_scaled_to_minus_one_to_one()
    {
        using var dir = new TempDir();
        var pixels = new byte[3 * Cifar10.ImageBytes];
        pixels.AsSpan(Cifar10.ImageBytes, Cifar10.ImageBytes).Fill(255);   // the class-1 image is white
        Cifar10.WriteBinary(dir.File("b.bin"), pixels, [0, 1, 7]);
        var data = CifarData.Load([dir.File("b.bin")], needShuffle: false, classes: [0, 1]);
        Assert.Equal(2, data.Count);
        var (images, labels) = data.NextBatch(2);
        Assert.Equal([0, 1], labels.ToArray<int>());
        Assert.Equal(-1f, images.ToArray<float>()[0]);
        Assert.Equal(1f, images.ToArray<float>()[Cifar10.ImageBytes]);
    }
}
