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
