using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace StaticGraph.Kernels;

/// <summary>How a reduction combines values: whole rows into an accumulator, and a span into one value.</summary>
internal interface IReducer<T>
{
    /// <summary>The value of an empty reduction.</summary>
    static abstract T Identity { get; }

    /// <summary>acc[i] = acc[i] (op) row[i].</summary>
    static abstract void Combine(Span<T> acc, ReadOnlySpan<T> row);

    /// <summary>The reduction of a whole span.</summary>
    static abstract T Aggregate(ReadOnlySpan<T> x);
}

internal readonly struct SumReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.Zero;

    public static void Combine(Span<T> acc, ReadOnlySpan<T> row) => TensorPrimitives.Add(acc, row, acc);

    public static T Aggregate(ReadOnlySpan<T> x) => TensorPrimitives.Sum(x);
}

internal readonly struct ProdReducer<T> : IReducer<T> where T : unmanaged, INumber<T>
{
    public static T Identity => T.One;

    public static void Combine(Span<T> acc, ReadOnlySpan<T> row) => TensorPrimitives.Multiply(acc, row, acc);

    public static T Aggregate(ReadOnlySpan<T> x) => x.IsEmpty ? T.One : TensorPrimitives.Product(x);
}

// TF's Max/Min propagate NaN, as TensorPrimitives.Max/Min do; an empty reduction gives the lowest/highest value.
internal readonly struct MaxReducer<T> : IReducer<T> where T : unmanaged, INumber<T>, IMinMaxValue<T>
{
    public static T Identity => typeof(T) == typeof(float) ? (T)(object)float.NegativeInfinity
        : typeof(T) == typeof(double) ? (T)(object)double.NegativeInfinity : T.MinValue;

    public static void Combine(Span<T> acc, ReadOnlySpan<T> row) => TensorPrimitives.Max(acc, row, acc);

    public static T Aggregate(ReadOnlySpan<T> x) => x.IsEmpty ? Identity : TensorPrimitives.Max(x);
}

internal readonly struct MinReducer<T> : IReducer<T> where T : unmanaged, INumber<T>, IMinMaxValue<T>
{
    public static T Identity => typeof(T) == typeof(float) ? (T)(object)float.PositiveInfinity
        : typeof(T) == typeof(double) ? (T)(object)double.PositiveInfinity : T.MaxValue;

    public static void Combine(Span<T> acc, ReadOnlySpan<T> row) => TensorPrimitives.Min(acc, row, acc);

    public static T Aggregate(ReadOnlySpan<T> x) => x.IsEmpty ? Identity : TensorPrimitives.Min(x);
}

/// <summary>
/// Reduction over any set of axes. Adjacent axes of the same kind (kept or reduced) are merged and size-1 axes
/// dropped; then reduced groups are removed one at a time from the last, each pass seeing the data as
/// [outer, reduced, inner] and working on contiguous rows.
/// </summary>
internal static class Reduce
{
    public static void Run<T, TR>(ReadOnlySpan<T> x, ReadOnlySpan<int> dims, ReadOnlySpan<bool> reduced, Span<T> y)
        where T : unmanaged where TR : IReducer<T>
    {
        Span<(int Size, bool Reduced)> groups = stackalloc (int, bool)[Math.Max(dims.Length, 1)];
        int count = 0;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 1)
            {
                continue;
            }

            if (count > 0 && groups[count - 1].Reduced == reduced[i])
            {
                groups[count - 1] = (groups[count - 1].Size * dims[i], reduced[i]);
            }
            else
            {
                groups[count++] = (dims[i], reduced[i]);
            }
        }

        if (x.Length == 0)
        {
            y.Fill(TR.Identity);
            return;
        }

        T[]? scratch = null;
        try
        {
            ReadOnlySpan<T> current = x;
            while (true)
            {
                int g = count - 1, reducedGroups = 0;
                while (g >= 0 && !groups[g].Reduced)
                {
                    g--;
                }

                for (int i = 0; i < count; i++)
                {
                    reducedGroups += groups[i].Reduced ? 1 : 0;
                }

                if (g < 0)
                {
                    // Nothing left to reduce; in place (y over x, see OpDef.InPlaceAnyShape) there is nothing to move.
                    if (!System.Runtime.CompilerServices.Unsafe.AreSame(
                        ref System.Runtime.InteropServices.MemoryMarshal.GetReference(current), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y)))
                    {
                        current.CopyTo(y);
                    }

                    return;
                }

                int outer = 1, inner = 1;
                for (int i = 0; i < g; i++)
                {
                    outer *= groups[i].Size;
                }

                for (int i = g + 1; i < count; i++)
                {
                    inner *= groups[i].Size;
                }

                int r = groups[g].Size;
                bool last = reducedGroups == 1;
                Span<T> dst;
                if (last)
                {
                    dst = y;
                }
                else
                {
                    var next = ArrayPool<T>.Shared.Rent(outer * inner);
                    dst = next.AsSpan(0, outer * inner);
                    Pass<T, TR>(current, outer, r, inner, dst);
                    if (scratch is not null)
                    {
                        ArrayPool<T>.Shared.Return(scratch);
                    }

                    scratch = next;
                    current = dst;
                    count = Merge(groups[..count], g);
                    continue;
                }

                Pass<T, TR>(current, outer, r, inner, dst);
                return;
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<T>.Shared.Return(scratch);
            }
        }
    }

    // Removes reduced group g and merges its kept neighbours; returns the new group count.
    private static int Merge(Span<(int Size, bool Reduced)> groups, int g)
    {
        int count = groups.Length;
        groups[(g + 1)..].CopyTo(groups[g..]);
        count--;
        if (g > 0 && g < count)
        {
            groups[g - 1] = (groups[g - 1].Size * groups[g].Size, false);
            groups[(g + 1)..count].CopyTo(groups[g..]);
            count--;
        }

        return count;
    }

    private static void Pass<T, TR>(ReadOnlySpan<T> x, int outer, int r, int inner, Span<T> y)
        where T : unmanaged where TR : IReducer<T>
    {
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                y[o] = TR.Aggregate(x.Slice(o * r, r));
            }

            return;
        }

        for (int o = 0; o < outer; o++)
        {
            var acc = y.Slice(o * inner, inner);
            var block = x.Slice(o * r * inner, r * inner);
            block[..inner].CopyTo(acc);
            for (int k = 1; k < r; k++)
            {
                TR.Combine(acc, block.Slice(k * inner, inner));
            }
        }
    }
}
