namespace StaticGraph.Examples.Data;

/// <summary>
/// CIFAR-10's two distributed formats. The binary version (<c>cifar-10-batches-bin</c>: <c>data_batch_1.bin</c> ...
/// <c>data_batch_5.bin</c>, <c>test_batch.bin</c>) stores records of one label byte and 3,072 pixel bytes (the
/// 1,024 red, then green, then blue values of a 32×32 image, row by row). The Python version
/// (<c>cifar-10-batches-py</c>: <c>data_batch_1</c> ... <c>test_batch</c>) pickles a dict whose <c>b'data'</c> is a
/// 10000×3072 uint8 numpy array in the same layout and whose <c>b'labels'</c> is a list of ints.
/// </summary>
public static class Cifar10
{
    /// <summary>Bytes of one image: 32 × 32 pixels × 3 colour planes.</summary>
    public const int ImageBytes = 3072;

    /// <summary>The class names, by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The pixels ([N × 3072] planar bytes) and labels of one batch file in either format: a file whose
    /// first byte is not a label (0–9) is read as a pickle.</summary>
    public static (byte[] Pixels, int[] Labels) ReadBatch(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.Length > 0 && bytes[0] > 9 ? FromPickle(bytes, path) : FromBinary(bytes, path);
    }

    /// <summary>The five training files and the test file under <paramref name="dir"/>: the binary names when
    /// <c>data_batch_1.bin</c> exists, else the pickle names; a missing file is an error naming it.</summary>
    public static (string[] Train, string[] Test) Files(string dir)
    {
        string suffix = File.Exists(Path.Combine(dir, "data_batch_1.bin")) ? ".bin" : "";
        var train = Enumerable.Range(1, 5).Select(i => Path.Combine(dir, $"data_batch_{i}{suffix}")).ToArray();
        var test = new[] { Path.Combine(dir, "test_batch" + suffix) };
        foreach (var file in train.Concat(test).Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException(
                $"CIFAR-10 file {file} not found: --data must be a cifar-10-batches-bin or cifar-10-batches-py folder.", file);
        }

        return (train, test);
    }

    /// <summary>Writes records in the binary format (label byte, then 3,072 pixel bytes) to <paramref name="path"/>.</summary>
    public static void WriteBinary(string path, byte[] pixels, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (pixels.Length != labels.Length * ImageBytes)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * ImageBytes} pixel bytes, got {pixels.Length}.", nameof(pixels));
        }

        var bytes = new byte[labels.Length * (ImageBytes + 1)];
        for (int i = 0; i < labels.Length; i++)
        {
            bytes[i * (ImageBytes + 1)] = checked((byte)labels[i]);
            Array.Copy(pixels, i * ImageBytes, bytes, (i * (ImageBytes + 1)) + 1, ImageBytes);
        }

        DataFile.WriteAllBytes(path, bytes);
    }

    private static (byte[] Pixels, int[] Labels) FromBinary(byte[] bytes, string path)
    {
        if (bytes.Length == 0 || bytes.Length % (ImageBytes + 1) != 0)
        {
            throw new InvalidDataException(
                $"{path}: {bytes.Length} bytes is not a whole number of CIFAR-10 records of {ImageBytes + 1} bytes (label + 32x32x3 pixels).");
        }

        int n = bytes.Length / (ImageBytes + 1);
        var pixels = new byte[n * ImageBytes];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = CheckLabel(bytes[i * (ImageBytes + 1)], i, path);
            Array.Copy(bytes, (i * (ImageBytes + 1)) + 1, pixels, i * ImageBytes, ImageBytes);
        }

        return (pixels, labels);
    }

    private static (byte[] Pixels, int[] Labels) FromPickle(byte[] bytes, string path)
    {
        if (Pickle.Loads(bytes, path) is not Dictionary<string, object?> dict)
        {
            throw new InvalidDataException($"{path}: the pickle does not hold a dict (a cifar-10-batches-py batch is one).");
        }

        if (!dict.TryGetValue("data", out var data) || data is not NDArray array || array.DType != tf.uint8
            || array.Shape.Rank != 2 || array.Shape[1] != ImageBytes)
        {
            throw new InvalidDataException($"{path}: b'data' must be an N x {ImageBytes} uint8 array, found {Describe(data)}.");
        }

        if (!dict.TryGetValue("labels", out var list) || list is not List<object?> labelList || labelList.Count != array.Shape[0])
        {
            throw new InvalidDataException($"{path}: b'labels' must be a list of {array.Shape[0]} ints, found {Describe(list)}.");
        }

        var labels = labelList.Select((l, i) => l is long v ? CheckLabel(v, i, path) : throw new InvalidDataException(
            $"{path}: label {i} is {Describe(l)}, not an int.")).ToArray();
        return (array.ToArray<byte>(), labels);
    }

    private static int CheckLabel(long label, int index, string path) => label is >= 0 and <= 9
        ? (int)label
        : throw new InvalidDataException($"{path}: record {index} has label {label}, outside 0-9.");

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        NDArray a => $"a {a.DType} array of shape [{string.Join(", ", a.Shape)}]",
        List<object?> l => $"a list of {l.Count}",
        _ => $"a {value.GetType().Name}",
    };
}
