namespace StaticGraph;

/// <summary>
/// One entry of a numpy/TF1-style index into a <see cref="Tensor"/> (<c>x[1..^1, 0, TensorIndex.NewAxis]</c>): an
/// <c>int</c> (or <c>^k</c>) picks one position and drops the axis (shrink), a <see cref="System.Range"/> takes a slice
/// (<c>..</c> everything, <c>^k</c> counts from the end), <see cref="Slice"/> adds a step, <see cref="NewAxis"/>
/// inserts a size-1 axis and <see cref="Ellipsis"/> stands for all the axes not named.
/// </summary>
public readonly record struct TensorIndex
{
    /// <summary>The first position read; null takes the whole axis from its start (begin_mask).</summary>
    internal int? Begin { get; private init; }

    /// <summary>The position the slice stops before; null runs to the end of the axis (end_mask).</summary>
    internal int? End { get; private init; }

    /// <summary>The step (negative walks backwards).</summary>
    internal int Step { get; private init; }

    internal bool IsIndex { get; private init; }

    internal bool IsNewAxis { get; private init; }

    internal bool IsEllipsis { get; private init; }

    /// <summary>TF's <c>tf.newaxis</c>: a new axis of size 1.</summary>
    public static TensorIndex NewAxis { get; } = new() { Begin = 0, End = 0, Step = 1, IsNewAxis = true };

    /// <summary>Python's <c>...</c>: as many whole axes as the other entries leave.</summary>
    public static TensorIndex Ellipsis { get; } = new() { Begin = 0, End = 0, Step = 1, IsEllipsis = true };

    /// <summary>Python's <c>start:stop:step</c>; a null bound takes the axis to its end in the step's direction.</summary>
    public static TensorIndex Slice(int? start = null, int? stop = null, int step = 1) => new() { Begin = start, End = stop, Step = step };

    /// <summary>The single position <paramref name="index"/> (negative counts from the end); the axis is removed.</summary>
    public static TensorIndex FromInt32(int index) => new() { Begin = index, End = index + 1, Step = 1, IsIndex = true };

    /// <summary>The single position <paramref name="index"/> (<c>^k</c> counts from the end); the axis is removed.</summary>
    public static TensorIndex FromIndex(Index index) => index.IsFromEnd
        ? index.Value == 0 ? throw new ArgumentOutOfRangeException(nameof(index), "^0 is past the end of every axis.") : FromInt32(-index.Value)
        : FromInt32(index.Value);

    /// <summary>The slice <paramref name="range"/> with step 1 (<c>^k</c> counts from the end).</summary>
    public static TensorIndex FromRange(Range range) => new()
    {
        // A start of 0 is left open like Python's `:`; a start of ^0 begins past the end (an empty slice).
        Begin = range.Start.IsFromEnd ? (range.Start.Value == 0 ? int.MaxValue : -range.Start.Value) : range.Start.Value == 0 ? null : range.Start.Value,
        End = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value,
        Step = 1,
    };

    /// <summary>See <see cref="FromInt32"/>.</summary>
    public static implicit operator TensorIndex(int index) => FromInt32(index);

    /// <summary>See <see cref="FromIndex"/>.</summary>
    public static implicit operator TensorIndex(Index index) => FromIndex(index);

    /// <summary>See <see cref="FromRange"/>.</summary>
    public static implicit operator TensorIndex(Range range) => FromRange(range);
}
