namespace StaticGraph.Execution;

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
