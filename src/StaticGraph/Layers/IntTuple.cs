using System.Collections;
using System.Runtime.CompilerServices;

namespace StaticGraph;

/// <summary>An integer or a tuple of integers: what TF1 layers accept as <c>kernel_size</c>, <c>strides</c>,
/// <c>pool_size</c> and <c>dilation_rate</c> (<c>3</c> means <c>(3, 3)</c>). The default value means 1.</summary>
[CollectionBuilder(typeof(IntTuple), nameof(Create))]
public readonly struct IntTuple : IEquatable<IntTuple>, IEnumerable<int>
{
    private readonly int[]? _values;

    private IntTuple(int[] values) => _values = values;

    /// <summary>One value for every spatial dimension.</summary>
    public static implicit operator IntTuple(int value) => new([value]);

    /// <summary>One value per spatial dimension.</summary>
    public static implicit operator IntTuple(int[] values) => new((int[])(values ?? throw new ArgumentNullException(nameof(values))).Clone());

    /// <summary>CA2225 alternate for the conversion from an integer.</summary>
    public static IntTuple FromInt32(int value) => value;

    /// <summary>CA2225 alternate for the conversion from an array.</summary>
    public static IntTuple FromInt32Array(int[] values) => values;

    /// <summary>A tuple from a collection expression (<c>[3, 3]</c>).</summary>
    public static IntTuple Create(ReadOnlySpan<int> values) => new(values.ToArray());

    /// <summary>The values (one value: the same for every dimension).</summary>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)(_values ?? [1])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>TF's <c>conv_utils.normalize_tuple</c>: <paramref name="n"/> positive values.</summary>
    internal int[] Normalize(int n, string what)
    {
        var v = _values ?? [1];
        int[] result = v.Length == 1 ? Enumerable.Repeat(v[0], n).ToArray() : v.Length == n ? (int[])v.Clone()
            : throw new ArgumentException($"The `{what}` argument must be a tuple of {n} integers. Received: ({string.Join(", ", v)})", what);
        return result.All(x => x > 0) ? result
            : throw new ArgumentException($"The `{what}` argument must be positive integers. Received: ({string.Join(", ", v)})", what);
    }

    /// <inheritdoc/>
    public bool Equals(IntTuple other) => (_values ?? [1]).SequenceEqual(other._values ?? [1]);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IntTuple t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode() => (_values ?? [1]).Aggregate(17, (h, x) => (h * 31) + x);

    /// <summary>Value equality.</summary>
    public static bool operator ==(IntTuple left, IntTuple right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(IntTuple left, IntTuple right) => !left.Equals(right);

    /// <summary>Python's spelling: <c>(3, 3)</c>.</summary>
    public override string ToString() => $"({string.Join(", ", _values ?? [1])})";
}
