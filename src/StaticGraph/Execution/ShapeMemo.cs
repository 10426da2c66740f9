namespace StaticGraph.Execution;

/// <summary>
/// What a kernel derives from its inputs' shapes and small integer inputs (output shapes, strides, offsets),
/// computed on a key's first run and reused while the key repeats, so a steady-state run of a shape-handling kernel
/// allocates nothing. The entry is immutable and swapped whole, so concurrent runs of one plan may share it.
/// </summary>
internal sealed class ShapeMemo<T>
    where T : class
{
    private Entry? _last;

    /// <summary>The value stored for <paramref name="key"/>, or null on a new key (or one too long to remember).</summary>
    public T? Get(in MemoKey key)
    {
        var last = _last;
        return key.IsComplete && last is not null && key.Value.SequenceEqual(last.Key) ? last.Value : null;
    }

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/> and returns it.</summary>
    public T Set(in MemoKey key, T value)
    {
        if (key.IsComplete)
        {
            _last = new Entry(key.Value.ToArray(), value);
        }

        return value;
    }

    private sealed record Entry(int[] Key, T Value);
}

/// <summary>A memo key written into a caller's stack buffer: dimensions and integer tensor values, each list
/// prefixed by its length so different splits never collide.</summary>
internal ref struct MemoKey(Span<int> buffer)
{
    private readonly Span<int> _buffer = buffer;
    private int _length;

    /// <summary>False when the buffer overflowed: the key is not remembered.</summary>
    public bool IsComplete { get; private set; } = true;

    public readonly ReadOnlySpan<int> Value => _buffer[.._length];

    public void Add(int v)
    {
        if (_length == _buffer.Length)
        {
            IsComplete = false;
            return;
        }

        _buffer[_length++] = v;
    }

    /// <summary>Adds a shape's rank and dimensions.</summary>
    public void Add(Shape shape)
    {
        Add(shape.Rank);
        for (int i = 0; i < shape.Rank; i++)
        {
            Add(shape[i]);
        }
    }

    /// <summary>Adds an int32 or int64 tensor's size and values.</summary>
    public void AddValues(NDArray ints)
    {
        Add(ints.Size);
        if (ints.RawData is long[] l)
        {
            for (int i = 0; i < ints.Size; i++)
            {
                Add(checked((int)l[i]));
            }
        }
        else
        {
            var d = ints.Data<int>();
            for (int i = 0; i < ints.Size; i++)
            {
                Add(d[i]);
            }
        }
    }
}
