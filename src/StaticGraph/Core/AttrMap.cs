using System.Collections;

namespace StaticGraph;

/// <summary>
/// An operation's attributes by TensorFlow attr name. Values are <c>long</c> (TF <c>int</c>), <c>float</c>,
/// <c>bool</c>, <c>string</c>, <see cref="DType"/>, <see cref="Shape"/>, <see cref="NDArray"/> (TF <c>tensor</c>),
/// or arrays of those (TF <c>list(...)</c>).
/// </summary>
public sealed class AttrMap : IReadOnlyDictionary<string, object>
{
    private readonly SortedDictionary<string, object> _values = new(StringComparer.Ordinal);

    internal AttrMap() { }

    internal AttrMap(IEnumerable<KeyValuePair<string, object>> values)
    {
        foreach (var (k, v) in values)
        {
            Set(k, v);
        }
    }

    /// <summary>Sets an attr, normalizing CLR ints to TF's 64-bit <c>int</c>.</summary>
    internal void Set(string name, object value) => _values[name] = value switch
    {
        int i => (long)i,
        int[] a => Array.ConvertAll(a, x => (long)x),
        double d => (float)d,
        _ => value,
    };

    /// <summary>The attr value, converted to <typeparamref name="T"/> (ints read as <c>int</c> or <c>long</c>,
    /// int lists as <c>int[]</c> or <c>long[]</c>).</summary>
    public T Get<T>(string name)
    {
        if (!_values.TryGetValue(name, out var v))
        {
            throw new GraphException($"Attr '{name}' is not set.");
        }

        return Convert<T>(name, v);
    }

    /// <summary>The attr value, or <paramref name="fallback"/> when it is not set.</summary>
    public T Get<T>(string name, T fallback) => _values.TryGetValue(name, out var v) ? Convert<T>(name, v) : fallback;

    private static T Convert<T>(string name, object v) => v switch
    {
        T t => t,
        long l when typeof(T) == typeof(int) => (T)(object)checked((int)l),
        long[] a when typeof(T) == typeof(int[]) => (T)(object)Array.ConvertAll(a, x => checked((int)x)),
        float f when typeof(T) == typeof(double) => (T)(object)(double)f,
        _ => throw new GraphException($"Attr '{name}' holds {v.GetType().Name}, not {typeof(T).Name}."),
    };

    /// <inheritdoc/>
    public object this[string key] => _values[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc/>
    public IEnumerable<object> Values => _values.Values;

    /// <inheritdoc/>
    public int Count => _values.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value) =>
        _values.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
