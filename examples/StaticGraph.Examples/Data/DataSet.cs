namespace StaticGraph.Examples.Data;

/// <summary>Images and labels with epoch-wise shuffled mini-batches (<c>NextBatch</c>, as the tutorials' helpers).</summary>
public sealed class DataSet
{
    private readonly float[] _images;
    private readonly int[] _labels;
    private readonly int[] _imageShape;
    private readonly Random _random;
    private int[] _order;
    private int _position;

    /// <summary>A data set of <paramref name="labels"/>.Length examples, each image of <paramref name="imageShape"/>.</summary>
    public DataSet(float[] images, int[] labels, int[] imageShape, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(imageShape);
        int size = imageShape.Aggregate(1, (a, d) => a * d);
        if (images.Length != labels.Length * size)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * size} pixels, got {images.Length}.", nameof(images));
        }

        (_images, _labels, _imageShape) = (images, labels, imageShape);
        _random = new Random(seed);
        _order = Enumerable.Range(0, labels.Length).ToArray();
        _random.Shuffle(_order);
    }

    /// <summary>Number of examples.</summary>
    public int Count => _labels.Length;

    /// <summary>All images as one [N, ...imageShape] array.</summary>
    public NDArray Images => NDArray.FromArray(_images, [Count, .. _imageShape]);

    /// <summary>All labels as an int32 vector.</summary>
    public NDArray Labels => NDArray.FromArray(_labels, Count);

    /// <summary>The next <paramref name="batchSize"/> examples; a new shuffled epoch starts when one runs out.</summary>
    public (NDArray Images, NDArray Labels) NextBatch(int batchSize)
    {
        if (batchSize <= 0 || batchSize > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be in 1..{Count}, got {batchSize}.");
        }

        if (_position + batchSize > Count)
        {
            _random.Shuffle(_order);
            _position = 0;
        }

        int size = _images.Length / Count;
        var images = new float[batchSize * size];
        var labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++)
        {
            int k = _order[_position + i];
            Array.Copy(_images, k * size, images, i * size, size);
            labels[i] = _labels[k];
        }

        _position += batchSize;
        return (NDArray.FromArray(images, [batchSize, .. _imageShape]), NDArray.FromArray(labels, batchSize));
    }

    /// <summary>Splits off the last <paramref name="fraction"/> of a fixed shuffle as a test set.</summary>
    public static (DataSet Train, DataSet Test) Split(float[] images, int[] labels, int[] imageShape, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var order = Enumerable.Range(0, labels.Length).ToArray();
        new Random(seed).Shuffle(order);
        int testCount = (int)Math.Round(labels.Length * fraction);
        int size = images.Length / labels.Length;
        DataSet Take(IEnumerable<int> rows)
        {
            var idx = rows.ToArray();
            var img = new float[idx.Length * size];
            for (int i = 0; i < idx.Length; i++)
            {
                Array.Copy(images, idx[i] * size, img, i * size, size);
            }

            return new DataSet(img, idx.Select(r => labels[r]).ToArray(), imageShape, seed);
        }

        return (Take(order.Skip(testCount)), Take(order.Take(testCount)));
    }
}
