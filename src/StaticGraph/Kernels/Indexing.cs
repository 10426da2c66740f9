using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Execution;

namespace StaticGraph.Kernels;

/// <summary>An int32 or int64 index tensor read as longs, without copying it.</summary>
internal readonly struct IndexView(NDArray t)
{
    private readonly int[]? _i32 = t.RawData as int[];
    private readonly long[]? _i64 = t.RawData as long[];

    public int Length { get; } = t.Size;

    public Shape Shape { get; } = t.Shape;

    public long this[int i] => _i32 is not null ? _i32[i] : _i64![i];

    /// <summary>The multi-index of flat position <paramref name="flat"/> as TF prints it: <c>[1,2]</c>.</summary>
    public string Position(int flat) => Indexing.Position(Shape, flat);
}

/// <summary>A generic function over every element type a tensor can hold (data-movement kernels).</summary>
internal interface IAnyFunc<out TResult>
{
    TResult Invoke<T>();
}

/// <summary>Shared loops of the indexing ops: index validation with TF's messages, strided products, typed
/// dispatch over all element types, row scatter-adds.</summary>
internal static class Indexing
{
    /// <summary>Calls <paramref name="f"/> closed over the CLR type of any dtype.</summary>
    public static TResult AnyType<TResult>(KernelBuild b, DType dtype, IAnyFunc<TResult> f) => dtype.Code switch
    {
        1 => f.Invoke<float>(),
        2 => f.Invoke<double>(),
        3 => f.Invoke<int>(),
        9 => f.Invoke<long>(),
        4 => f.Invoke<byte>(),
        10 => f.Invoke<bool>(),
        7 => f.Invoke<byte[]>(),
        _ => throw b.Unsupported(dtype),
    };

    /// <summary>Π dims[start..end).</summary>
    public static int Product(Shape s, int start, int end)
    {
        int p = 1;
        for (int i = start; i < end; i++)
        {
            p *= s[i];
        }

        return p;
    }

    /// <summary>The multi-index of flat position <paramref name="flat"/> in <paramref name="shape"/>, as <c>[i,j]</c>.</summary>
    public static string Position(Shape shape, int flat)
    {
        var idx = new int[shape.Rank];
        for (int a = shape.Rank - 1; a >= 0; a--)
        {
            int d = Math.Max(shape[a], 1);
            idx[a] = flat % d;
            flat /= d;
        }

        return "[" + string.Join(",", idx) + "]";
    }

    /// <summary>Checks every index lies in [0, n): TF's message names the position, the value and the range.</summary>
    public static void CheckRange(IndexView idx, long n, string what = "indices")
    {
        for (int i = 0; i < idx.Length; i++)
        {
            long v = idx[i];
            if (v < 0 || v >= n)
            {
                throw new InvalidArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{what}{idx.Position(i)} = {v} is not in [0, {n})"));
            }
        }
    }

    /// <summary>Offsets (in units of trailing slices) of the tuples in the last axis of
    /// <paramref name="idx"/> into <paramref name="dims"/>; a tuple outside the shape is TF's InvalidArgument.</summary>
    public static int[] TupleOffsets(IndexView idx, Shape dims, string into)
    {
        var offsets = new int[TupleCount(idx)];
        TupleOffsets(idx, dims, into, offsets);
        return offsets;
    }

    /// <summary>The number of index tuples in <paramref name="idx"/> (the product of all but its last axis).</summary>
    public static int TupleCount(IndexView idx)
    {
        int q = idx.Shape[-1];
        return q == 0 ? Product(idx.Shape, 0, idx.Shape.Rank - 1) : idx.Length / q;
    }

    /// <summary><see cref="TupleOffsets(IndexView, Shape, string)"/> into <paramref name="offsets"/>, which holds
    /// <see cref="TupleCount"/> elements.</summary>
    public static void TupleOffsets(IndexView idx, Shape dims, string into, Span<int> offsets)
    {
        int q = idx.Shape[-1];
        int count = offsets.Length;
        for (int t = 0; t < count; t++)
        {
            long off = 0;
            for (int k = 0; k < q; k++)
            {
                long v = idx[(t * q) + k];
                if (v < 0 || v >= dims[k])
                {
                    throw TupleOutOfRange(idx, t, dims, into);
                }

                off = (off * dims[k]) + v;
            }

            offsets[t] = (int)off;
        }
    }

    // Apart from the loop, so the lambda's closure is only allocated when an index is out of range.
    private static InvalidArgumentException TupleOutOfRange(IndexView idx, int t, Shape dims, string into)
    {
        int q = idx.Shape[-1];
        var tuple = Enumerable.Range(0, q).Select(j => idx[(t * q) + j].ToString(CultureInfo.InvariantCulture));
        string pos = Position(Shape.Own(idx.Shape.Take(idx.Shape.Rank - 1).ToArray()), t);
        return new InvalidArgumentException(
            $"indices{pos} = [{string.Join(", ", tuple)}] does not index into {into} [{string.Join(",", dims)}]");
    }

    /// <summary>dst[offsets[i]·inner ..] = src[i·inner ..] for each i: slices copied out by index.</summary>
    public static void TakeSlices<T>(ReadOnlySpan<T> src, ReadOnlySpan<int> offsets, int inner, Span<T> dst)
    {
        for (int i = 0; i < offsets.Length; i++)
        {
            src.Slice(offsets[i] * inner, inner).CopyTo(dst.Slice(i * inner, inner));
        }
    }

    /// <summary>dst[rows[i]·inner ..] += src[i·inner ..] (duplicates add).</summary>
    public static void AddSlices<T>(ReadOnlySpan<T> src, ReadOnlySpan<int> rows, int inner, Span<T> dst)
        where T : INumber<T>
    {
        for (int i = 0; i < rows.Length; i++)
        {
            var d = dst.Slice(rows[i] * inner, inner);
            TensorPrimitives.Add(d, src.Slice(i * inner, inner), d);
        }
    }

    /// <summary>Per-element source offsets of an operand of shape <paramref name="s"/> broadcast to
    /// <paramref name="output"/> (numpy rules: right-aligned, size-1 dims stretch).</summary>
    public static int[] BroadcastOffsets(Shape s, Shape output)
    {
        int rank = output.Rank, n = (int)output.NumElements;
        var strides = new int[rank];
        int stride = 1;
        for (int a = rank - 1; a >= 0; a--)
        {
            int sa = a - (rank - s.Rank);
            int d = sa >= 0 ? s[sa] : 1;
            strides[a] = d == 1 ? 0 : stride;
            stride *= d;
        }

        var offsets = new int[n];
        var index = new int[rank];
        int off = 0;
        for (int i = 0; i < n; i++)
        {
            offsets[i] = off;
            for (int a = rank - 1; a >= 0; a--)
            {
                index[a]++;
                off += strides[a];
                if (index[a] < output[a])
                {
                    break;
                }

                off -= strides[a] * output[a];
                index[a] = 0;
            }
        }

        return offsets;
    }

    /// <summary>The numpy broadcast of several concrete shapes; InvalidArgument when incompatible.</summary>
    public static Shape BroadcastShapes(params Shape[] shapes)
    {
        var result = shapes[0];
        foreach (var s in shapes.Skip(1))
        {
            result = Broadcast.RuntimeShape(result, s);
        }

        return result;
    }
}
