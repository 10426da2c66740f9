namespace StaticGraph.Examples.Data;

/// <summary>
/// MNIST-style IDX data sets (MNIST, Fashion-MNIST) in a folder holding <c>train-images-idx3-ubyte</c>,
/// <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>, raw or with a
/// <c>.gz</c> suffix (the dot before "idx" may also be a dash, as some mirrors name them).
/// </summary>
public static class Mnist
{
    /// <summary>The training (<paramref name="train"/>) or test images as [N, rows, cols, 1] float32 rows scaled to
    /// [0, 1] (PyTorch's ToTensor), and their labels, served shuffled unless <paramref name="shuffle"/> is false.</summary>
    public static DataSet Load(string dir, bool train, int seed = 0, bool shuffle = true)
    {
        string prefix = train ? "train" : "t10k";
        string imagesPath = Find(dir, $"{prefix}-images", "idx3-ubyte");
        string labelsPath = Find(dir, $"{prefix}-labels", "idx1-ubyte");
        var images = Idx.Load(imagesPath);
        var labels = Idx.Load(labelsPath);
        if (images.DType != tf.uint8 || images.Shape.Rank != 3 || labels.DType != tf.uint8 || labels.Shape.Rank != 1
            || labels.Shape[0] != images.Shape[0])
        {
            throw new InvalidDataException($"{imagesPath}, {labelsPath}: expected uint8 images [N, rows, cols] and N uint8 labels, " +
                $"found {images.DType} [{string.Join(", ", images.Shape)}] and {labels.DType} [{string.Join(", ", labels.Shape)}].");
        }

        var pixels = images.ToArray<byte>().Select(p => p / 255f).ToArray();
        var classes = labels.ToArray<byte>().Select(l => (int)l).ToArray();
        return new DataSet(pixels, classes, [images.Shape[1], images.Shape[2], 1], seed, shuffle);
    }

    /// <summary>The folder of <c>--data DIR</c>, or, without it, of synthetic digit-like data written once to the temp
    /// folder (<c>--synthetic-train N</c>, <c>--synthetic-test N</c>), saying so.</summary>
    public static string Resolve(string[] args)
    {
        if (Paths.Option(args, "data") is string dir)
        {
            return dir;
        }

        int trainCount = Paths.IntOption(args, "synthetic-train", 6000), testCount = Paths.IntOption(args, "synthetic-test", 1000);
        string synthetic = Path.Combine(Path.GetTempPath(), $"staticgraph-synthetic-mnist-{trainCount}-{testCount}");
        if (!File.Exists(Path.Combine(synthetic, "t10k-labels-idx1-ubyte")))
        {
            SyntheticMnist.Write(synthetic, trainCount, testCount, seed: 2024);
        }

        Console.WriteLine($"No --data given: using SYNTHETIC MNIST (seven-segment digits + noise, {trainCount} train / {testCount} test) in {synthetic}.");
        Console.WriteLine("Run examples/data/fetch-mnist.sh and pass --data examples/data/mnist for the real digits.");
        return synthetic;
    }

    private static string Find(string dir, string stem, string kind)
    {
        var candidates = new[] { $"{stem}-{kind}", $"{stem}.{kind}" }.SelectMany(n => new[] { n, n + ".gz" });
        return candidates.Select(n => Path.Combine(dir, n)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{Path.Combine(dir, $"{stem}-{kind}")}[.gz] not found: --data must be a folder of MNIST IDX files.");
    }
}
