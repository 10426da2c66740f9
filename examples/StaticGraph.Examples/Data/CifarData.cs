namespace StaticGraph.Examples.Data;

/// <summary>
/// Seed 000's <c>CifarData(filenames, need_shuffle)</c> helper: the images of the given CIFAR-10 batch files whose
/// label is in a class list (seed 000's binary neuron keeps classes 0 and 1), flat [3072] rows in the files' planar
/// layout scaled to [-1, 1] by x / 127.5 - 1, served by <see cref="DataSet.NextBatch"/> with the seed's
/// shuffle-or-throw semantics.
/// </summary>
public static class CifarData
{
    /// <summary>The examples of <paramref name="files"/> with a label in <paramref name="classes"/> (all when null);
    /// prints the data and label shapes as the seed does.</summary>
    public static DataSet Load(IReadOnlyList<string> files, bool needShuffle, int[]? classes = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(files);
        var batches = files.Select(Cifar10.ReadBatch).ToArray();
        var keep = batches.SelectMany(b => Enumerable.Range(0, b.Labels.Length).Select(i => (b.Pixels, b.Labels, i)))
            .Where(e => classes is null || classes.Contains(e.Labels[e.i])).ToArray();
        var images = new float[keep.Length * Cifar10.ImageBytes];
        var labels = new int[keep.Length];
        for (int k = 0; k < keep.Length; k++)
        {
            var (pixels, fileLabels, i) = keep[k];
            labels[k] = fileLabels[i];
            var source = pixels.AsSpan(i * Cifar10.ImageBytes, Cifar10.ImageBytes);
            var target = images.AsSpan(k * Cifar10.ImageBytes, Cifar10.ImageBytes);
            for (int p = 0; p < source.Length; p++)
            {
                target[p] = (source[p] / 127.5f) - 1;
            }
        }

        Console.WriteLine($"({labels.Length}, {Cifar10.ImageBytes})");
        Console.WriteLine($"({labels.Length},)");
        return new DataSet(images, labels, [Cifar10.ImageBytes], seed, needShuffle);
    }

    /// <summary>The training and test files of <c>--data DIR</c>, or, without it, of synthetic CIFAR-10 written once
    /// to the temp folder (<c>--synthetic-per-batch N</c> images per file, 2,000 by default), saying so.</summary>
    public static (string[] Train, string[] Test) Resolve(string[] args)
    {
        if (Paths.Option(args, "data") is string dir)
        {
            return Cifar10.Files(dir);
        }

        int perBatch = Paths.IntOption(args, "synthetic-per-batch", 2000);
        string synthetic = Path.Combine(Path.GetTempPath(), $"staticgraph-synthetic-cifar10-{perBatch}");
        if (!File.Exists(Path.Combine(synthetic, "test_batch.bin")))
        {
            SyntheticCifar.Write(synthetic, perBatch, seed: 2024);
        }

        Console.WriteLine($"No --data given: using SYNTHETIC CIFAR-10 (coloured shapes + noise, {perBatch} images per batch file) in {synthetic}.");
        Console.WriteLine("Pass --data DIR (a cifar-10-batches-py or cifar-10-batches-bin folder) for the real images.");
        return Cifar10.Files(synthetic);
    }
}
