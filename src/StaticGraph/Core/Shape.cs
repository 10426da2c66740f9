using System.Collections;
using System.Runtime.CompilerServices;

namespace StaticGraph;

/// <summary>
/// A possibly partial tensor shape: a list of dimensions where <c>-1</c> is an unknown dimension, or an unknown rank
/// (<see cref="Unknown"/>). Immutable with value equality; any <c>int[]</c> or collection expression converts
/// (<c>[-1, 784]</c>, <c>[]</c> for a scalar).
/// </summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[]? _dims;

    private Shape(int[]? dims, bool owned)
    {
        _ = owned;
        _dims = dims;
    }

    /// <summary>A shape of unknown rank.</summary>
    public static Shape Unknown { get; } = new(null, true);

    /// <summary>The scalar shape <c>[]</c>.</summary>
    public static Shape Scalar { get; } = new([], true);

    /// <summary>A shape with the given dimensions (<c>-1</c> for unknown ones).</summary>
    public Shape(params int[] dims) : this(Validate(dims), true) { }

    /// <summary>Collection-expression builder.</summary>
    public static Shape Create(ReadOnlySpan<int> dims) => dims.Length == 0 ? Scalar : new Shape(Validate(dims.ToArray()), true);

    /// <summary>A shape of known rank whose dimensions are all unknown.</summary>
    public static Shape UnknownOfRank(int rank) => Own(Enumerable.Repeat(-1, rank).ToArray());

    private static int[] Validate(int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        foreach (int d in dims)
        {
            if (d < -1)
            {
                throw new ArgumentException($"Shape dimensions must be >= 0 or -1 (unknown), got [{string.Join(", ", dims)}].", nameof(dims));
            }
        }

        return (int[])dims.Clone();
    }

    /// <summary>Wraps an array the caller gives up (no copy, no validation).</summary>
    internal static Shape Own(int[] dims) => dims.Length == 0 ? Scalar : new Shape(dims, true);

    /// <summary>Converts an <c>int[]</c> (null means unknown rank).</summary>
    public static implicit operator Shape(int[]? dims) => dims is null ? Unknown : new Shape(Validate(dims), true);

    /// <summary>The rank (TF1 <c>TensorShape.rank</c>); -1 when unknown.</summary>
    public int Rank => _dims?.Length ?? -1;

    /// <summary>True when the rank is known.</summary>
    public bool HasRank => _dims is not null;

    /// <summary>True when the rank and every dimension are known.</summary>
    public bool IsFullyDefined => _dims is not null && Array.TrueForAll(_dims, d => d >= 0);

    /// <summary>The dimension at <paramref name="index"/> (negative counts from the end); -1 when unknown.</summary>
    public int this[int index]
    {
        get
        {
            if (_dims is null)
            {
                return -1;
            }

            int i = index < 0 ? index + _dims.Length : index;
            if (i < 0 || i >= _dims.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"Dimension {index} is out of range for shape {this}.");
            }

            return _dims[i];
        }
    }

    /// <summary>Number of dimensions (IReadOnlyList); 0 for unknown rank.</summary>
    int IReadOnlyCollection<int>.Count => _dims?.Length ?? 0;

    /// <summary>The dimensions as an array (a copy); throws for an unknown rank.</summary>
    public int[] ToArray() => _dims is null
        ? throw new InvalidOperationException("Shape has unknown rank.")
        : (int[])_dims.Clone();

    /// <summary>The dimensions without a copy (internal: never mutate).</summary>
    internal ReadOnlySpan<int> Dims => _dims;

    /// <summary>Product of the dimensions; -1 when any is unknown.</summary>
    public long NumElements
    {
        get
        {
            if (!IsFullyDefined)
            {
                return -1;
            }

            long n = 1;
            foreach (int d in _dims!)
            {
                n *= d;
            }

            return n;
        }
    }

    /// <summary>Element count of a fully defined shape as an <c>int</c> (dense buffers are int-indexed).</summary>
    internal int Size => checked((int)NumElements);

    /// <summary>True when some fully defined shape satisfies both shapes.</summary>
    public bool IsCompatibleWith(Shape other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (_dims is null || other._dims is null)
        {
            return true;
        }

        if (_dims.Length != other._dims.Length)
        {
            return false;
        }

        for (int i = 0; i < _dims.Length; i++)
        {
            if (_dims[i] >= 0 && other._dims[i] >= 0 && _dims[i] != other._dims[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The most specific shape compatible with both; throws when they are incompatible.</summary>
    public Shape MergeWith(Shape other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!IsCompatibleWith(other))
        {
            throw new GraphException($"Shapes {this} and {other} are not compatible.");
        }

        if (_dims is null)
        {
            return other;
        }

        if (other._dims is null)
        {
            return this;
        }

        var merged = new int[_dims.Length];
        for (int i = 0; i < merged.Length; i++)
        {
            merged[i] = _dims[i] >= 0 ? _dims[i] : other._dims[i];
        }

        return Own(merged);
    }

    /// <summary>The enumerated dimensions (nothing for an unknown rank).</summary>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)(_dims ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(Shape? other) =>
        other is not null && (_dims is null ? other._dims is null : other._dims is not null && _dims.AsSpan().SequenceEqual(other._dims));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_dims is null)
        {
            return -1;
        }

        var h = new HashCode();
        foreach (int d in _dims)
        {
            h.Add(d);
        }

        return h.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Shape? left, Shape? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Shape? left, Shape? right) => !(left == right);

    /// <summary>TF1's text: <c>(?, 784)</c>, <c>()</c> for a scalar, <c>&lt;unknown&gt;</c> for an unknown rank.</summary>
    public override string ToString() => _dims is null
        ? "<unknown>"
        : _dims.Length == 1
            ? $"({Dim(_dims[0])},)"
            : "(" + string.Join(", ", _dims.Select(Dim)) + ")";

    private static string Dim(int d) => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
