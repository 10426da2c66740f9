using System.Numerics;

namespace StaticGraph.Kernels;

/// <summary>
/// The data-movement loops behind the shape-manipulation ops. <see cref="Copy"/> moves an n-d block between two
/// buffers addressed by offset + Σ iₖ·strideₖ (strides may be 0 or negative): Transpose permutes the source
/// strides, Slice/StridedSlice/Reverse offset and scale them, Tile and BroadcastTo use 0 strides, Pad and the slice
/// gradients scatter into a strided destination. <see cref="Gather"/>/<see cref="ScatterAdd"/> address each axis
/// through an offset table (MirrorPad and its gradient). Every dtype is moved by the same generic loop.
/// </summary>
internal static class Strided
{
    /// <summary>Row-major strides of <paramref name="dims"/>.</summary>
    public static int[] RowMajor(ReadOnlySpan<int> dims)
    {
        var s = new int[dims.Length];
        int acc = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            s[i] = acc;
            acc *= dims[i];
        }

        return s;
    }

    /// <summary>y[yOffset + Σ iₖ·yStridesₖ] = x[xOffset + Σ iₖ·xStridesₖ] for every index i of
    /// <paramref name="dims"/>; x and y are arrays of one element type.</summary>
    public static void Copy(Array x, int xOffset, ReadOnlySpan<int> xStrides, Array y, int yOffset, ReadOnlySpan<int> yStrides, ReadOnlySpan<int> dims)
    {
        int rank = dims.Length;
        Span<int> buffer = rank <= 16 ? stackalloc int[3 * 16] : new int[3 * rank];
        Span<int> d = buffer[..rank], xs = buffer.Slice(rank, rank), ys = buffer.Slice(2 * rank, rank);
        int n = Coalesce(dims, xStrides, yStrides, d, xs, ys);
        if (n < 0)
        {
            return;
        }

        d = d[..n];
        xs = xs[..n];
        ys = ys[..n];

        switch (x)
        {
            case float[] f: CopyCore(f, xOffset, xs, (float[])y, yOffset, ys, d); break;
            case double[] f: CopyCore(f, xOffset, xs, (double[])y, yOffset, ys, d); break;
            case int[] f: CopyCore(f, xOffset, xs, (int[])y, yOffset, ys, d); break;
            case long[] f: CopyCore(f, xOffset, xs, (long[])y, yOffset, ys, d); break;
            case byte[] f: CopyCore(f, xOffset, xs, (byte[])y, yOffset, ys, d); break;
            case bool[] f: CopyCore(f, xOffset, xs, (bool[])y, yOffset, ys, d); break;
            case byte[][] f: CopyCore(f, xOffset, xs, (byte[][])y, yOffset, ys, d); break;
            default: throw new InvalidArgumentException($"No strided copy for elements of type {x.GetType().Name}.");
        }
    }

    // Drops size-1 axes and merges neighbours that are contiguous in both buffers, so the inner loop runs as long
    // as possible; writes the merged axes into d, a, b and returns their number, or -1 when the block is empty.
    private static int Coalesce(ReadOnlySpan<int> dims, ReadOnlySpan<int> xs, ReadOnlySpan<int> ys, Span<int> d, Span<int> a, Span<int> b)
    {
        int count = 0;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 0)
            {
                return -1;
            }

            if (dims[i] == 1)
            {
                continue;
            }

            int last = count - 1;
            if (last >= 0 && a[last] == xs[i] * dims[i] && b[last] == ys[i] * dims[i])
            {
                d[last] *= dims[i];
                a[last] = xs[i];
                b[last] = ys[i];
            }
            else
            {
                (d[count], a[count], b[count]) = (dims[i], xs[i], ys[i]);
                count++;
            }
        }

        return count;
    }

    private static void CopyCore<T>(T[] x, int xi, ReadOnlySpan<int> xs, T[] y, int yi, ReadOnlySpan<int> ys, ReadOnlySpan<int> dims)
    {
        int rank = dims.Length;
        if (rank == 0)
        {
            y[yi] = x[xi];
            return;
        }

        int n = dims[rank - 1], sx = xs[rank - 1], sy = ys[rank - 1];
        Span<int> index = stackalloc int[rank];
        while (true)
        {
            if (sx == 1 && sy == 1)
            {
                x.AsSpan(xi, n).CopyTo(y.AsSpan(yi, n));
            }
            else
            {
                for (int k = 0, p = xi, q = yi; k < n; k++, p += sx, q += sy)
                {
                    y[q] = x[p];
                }
            }

            int axis = rank - 2;
            for (; axis >= 0; axis--)
            {
                index[axis]++;
                xi += xs[axis];
                yi += ys[axis];
                if (index[axis] < dims[axis])
                {
                    break;
                }

                xi -= xs[axis] * dims[axis];
                yi -= ys[axis] * dims[axis];
                index[axis] = 0;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }

    /// <summary>y[i] = x[Σₖ tablesₖ[iₖ]] for every row-major index i of the tables' lengths.</summary>
    public static void Gather(Array x, int[][] tables, Array y)
    {
        switch (x)
        {
            case float[] f: GatherCore(f, tables, (float[])y); break;
            case double[] f: GatherCore(f, tables, (double[])y); break;
            case int[] f: GatherCore(f, tables, (int[])y); break;
            case long[] f: GatherCore(f, tables, (long[])y); break;
            case byte[] f: GatherCore(f, tables, (byte[])y); break;
            case bool[] f: GatherCore(f, tables, (bool[])y); break;
            case byte[][] f: GatherCore(f, tables, (byte[][])y); break;
            default: throw new InvalidArgumentException($"No gather for elements of type {x.GetType().Name}.");
        }
    }

    private static void GatherCore<T>(T[] x, int[][] tables, T[] y)
    {
        int q = 0;
        ForEachRow(tables, (baseOffset, inner) =>
        {
            foreach (int t in inner)
            {
                y[q++] = x[baseOffset + t];
            }
        });
    }

    /// <summary>dx[Σₖ tablesₖ[iₖ]] += dy[i] for every row-major index i of the tables' lengths (the adjoint of
    /// <see cref="Gather"/>); dx must be zeroed first.</summary>
    public static void ScatterAdd<T>(T[] dy, int[][] tables, T[] dx) where T : INumber<T>
    {
        int q = 0;
        ForEachRow(tables, (baseOffset, inner) =>
        {
            foreach (int t in inner)
            {
                dx[baseOffset + t] += dy[q++];
            }
        });
    }

    // Calls row(Σ of the outer tables' entries, innermost table) once per combination of outer indices, in
    // row-major order; a scalar (no tables) is one row of one element at offset 0.
    private static void ForEachRow(int[][] tables, Action<int, int[]> row)
    {
        int rank = tables.Length;
        if (rank == 0)
        {
            row(0, [0]);
            return;
        }

        if (Array.Exists(tables, t => t.Length == 0))
        {
            return;
        }

        var index = new int[rank - 1];
        while (true)
        {
            int offset = 0;
            for (int k = 0; k < rank - 1; k++)
            {
                offset += tables[k][index[k]];
            }

            row(offset, tables[rank - 1]);
            int axis = rank - 2;
            for (; axis >= 0; axis--)
            {
                if (++index[axis] < tables[axis].Length)
                {
                    break;
                }

                index[axis] = 0;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }
}
