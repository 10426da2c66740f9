namespace StaticGraph.Examples.Data;

/// <summary>
/// Images and labels served in consecutive mini-batches (<c>NextBatch</c>), with the semantics of seed 000's
/// <c>CifarData.next_batch</c>: a shuffling set is permuted once at the start and again whenever the next batch would
/// run past the end (the leftover examples of that pass are skipped); a set made with <c>shuffle: false</c> keeps its
/// order and throws "have no more examples" instead; a batch larger than the whole set throws "batch size is larger
/// than all examples".
/// </summary>
public sealed class DataSet
{
    private readonly float[] _images;
    private readonly int[] _labels;
    private readonly int[] _imageShape;
    private readonly Random _random;
    private readonly bool _shuffle;
    private int[] _order;
    private int _position;

    /// <summary>A data set of <paramref name="labels"/>.Length examples, each image of <paramref name="imageShape"/>,
    /// shuffled by a generator seeded with <paramref name="seed"/> unless <paramref name="shuffle"/> is false.</summary>
    public DataSet(float[] images, int[] labels, int[] imageShape, int seed = 0, bool shuffle = true)
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
        _shuffle = shuffle;
        _order = Enumerable.Range(0, labels.Length).ToArray();
        if (shuffle)
        {
            _random.Shuffle(_order);
        }
    }

    /// <summary>Number of examples.</summary>
    public int Count => _labels.Length;

    /// <summary>All images as one [N, ...imageShape] array.</summary>
    public NDArray Images => NDArray.FromArray(_images, [Count, .. _imageShape]);

    /// <summary>All labels as an int32 vector.</summary>
    public NDArray Labels => NDArray.FromArray(_labels, Count);

    /// <summary>The next <paramref name="batchSize"/> examples; a shuffling set starts a new shuffled pass when they
    /// do not fit in this one, a non-shuffling set throws <see cref="InvalidOperationException"/>.</summary>
    public (NDArray Images, NDArray Labels) NextBatch(int batchSize)
    {
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be positive, got {batchSize}.");
        }

        if (_position + batchSize > Count)
        {
            if (!_shuffle)
            {
                throw new InvalidOperationException(
                    $"have no more examples: {Count - _position} of {Count} left, a batch of {batchSize} asked for (the set does not shuffle, so it does not wrap).");
            }

            _random.Shuffle(_order);
            _position = 0;
        }

        if (batchSize > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size is larger than all examples: {batchSize} > {Count}.");
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
