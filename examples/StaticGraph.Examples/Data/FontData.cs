namespace StaticGraph.Examples.Data;

/// <summary>The book's font glyphs (<c>data_with_labels.npz</c>: 2,790 36×36 images of five letters, labels 0–4),
/// scaled to [0, 1] and split 90/10 into training and validation as the book's programs do.</summary>
public static class FontData
{
    /// <summary>Loads from <c>--data PATH</c> or ../shared/datasets/hands-on-dl, flattened to 1,296 pixels.</summary>
    public static (DataSet Train, DataSet Validation) Load(string[] args, int[]? imageShape = null)
    {
        string path = Paths.Option(args, "data") ?? Paths.HandsOnDl("data_with_labels.npz")
            ?? throw new FileNotFoundException("data_with_labels.npz not found; pass --data PATH (../shared/datasets/hands-on-dl).");
        var arrays = Npz.Load(path);
        var pixels = arrays["arr_0"].ToArray<byte>().Select(p => p / 255f).ToArray();
        var labels = arrays["arr_1"].ToArray<byte>().Select(l => (int)l).ToArray();
        return DataSet.Split(pixels, labels, imageShape ?? [1296], 0.1, seed: 42);
    }

    /// <summary>Rows of one-hot float32 labels (the book's <c>to_onehot</c>).</summary>
    public static NDArray OneHot(NDArray labels, int classes = 5) => Data.OneHot.Encode(labels, classes);

    /// <summary>Total element count of the trainable variables.</summary>
    public static long ParameterCount() => tf.trainable_variables().Sum(v => v.Shape.NumElements);
}
