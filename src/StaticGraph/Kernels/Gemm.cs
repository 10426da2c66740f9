using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace StaticGraph.Kernels;

/// <summary>
/// General matrix multiply C[m,n] = op(A)[m,k] · op(B)[k,n], row-major. Rows of C are accumulated as
/// C[i,:] += A[i,p] · B[p,:] with vectorized multiply-adds; a transposed B is packed once into scratch so its rows
/// are contiguous. Large products split rows of C across cores.
/// </summary>
internal static class Gemm
{
    // Below about two million multiply-adds a product stays on one core: splitting costs more than it saves.
    private const long ParallelThreshold = 1 << 21;

    public static unsafe void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, bool transposeA, bool transposeB, int maxThreads = 0)
        where T : unmanaged, INumber<T>
    {
        if (n < NarrowOutput)
        {
            Narrow(a, b, c, m, n, k, transposeA, transposeB);
            return;
        }

        T[]? packed = null;
        try
        {
            ReadOnlySpan<T> rowsOfB = b;
            if (transposeB)
            {
                packed = ArrayPool<T>.Shared.Rent(k * n);
                Transpose(b, packed, n, k);
                rowsOfB = packed.AsSpan(0, k * n);
            }

            int threads = Math.Min(maxThreads > 0 ? maxThreads : Environment.ProcessorCount, m);
            if ((long)m * n * k < ParallelThreshold || threads < 2)
            {
                Rows(a, rowsOfB, c, 0, m, n, k, transposeA, m);
                return;
            }

            // Each worker writes its own band of rows of C; the operands are pinned for the duration of the loop.
            fixed (T* pa = a, pb = rowsOfB, pc = c)
            {
                var (aPtr, bPtr, cPtr) = ((nint)pa, (nint)pb, (nint)pc);
                var (aLen, bLen) = (a.Length, rowsOfB.Length);
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    int start = (int)((long)m * t / threads);
                    int end = (int)((long)m * (t + 1) / threads);
                    var band = new Span<T>((T*)cPtr + ((long)start * n), (end - start) * n);
                    Rows<T>(new ReadOnlySpan<T>((T*)aPtr, aLen), new ReadOnlySpan<T>((T*)bPtr, bLen), band, start, end, n, k, transposeA, m);
                });
            }
        }
        finally
        {
            if (packed is not null)
            {
                ArrayPool<T>.Shared.Return(packed);
            }
        }
    }

    // Below this many output columns, row updates are too short to vectorize: use dot products instead.
    private const int NarrowOutput = 16;

    // C[i, j] = A[i, :] · B[:, j] as vectorized dot products over k, with A's rows and B's columns packed contiguous.
    private static void Narrow<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, bool transposeA, bool transposeB)
        where T : unmanaged, INumber<T>
    {
        T[]? packedA = null, packedB = null;
        try
        {
            ReadOnlySpan<T> rowsOfA = a, columnsOfB = b;
            if (transposeA)
            {
                packedA = ArrayPool<T>.Shared.Rent(m * k);
                Transpose(a, packedA, k, m);
                rowsOfA = packedA.AsSpan(0, m * k);
            }

            if (!transposeB)
            {
                packedB = ArrayPool<T>.Shared.Rent(k * n);
                Transpose(b, packedB, k, n);
                columnsOfB = packedB.AsSpan(0, k * n);
            }

            for (int i = 0; i < m; i++)
            {
                var row = rowsOfA.Slice(i * k, k);
                for (int j = 0; j < n; j++)
                {
                    c[(i * n) + j] = TensorPrimitives.Dot(row, columnsOfB.Slice(j * k, k));
                }
            }
        }
        finally
        {
            if (packedA is not null)
            {
                ArrayPool<T>.Shared.Return(packedA);
            }

            if (packedB is not null)
            {
                ArrayPool<T>.Shared.Return(packedB);
            }
        }
    }

    // Computes rows [start, end) of C into c (which starts at row start).
    private static void Rows<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int start, int end, int n, int k, bool transposeA, int m)
        where T : unmanaged, INumber<T>
    {
        for (int i = start; i < end; i++)
        {
            var row = c.Slice((i - start) * n, n);
            row.Clear();
            for (int p = 0; p < k; p++)
            {
                T aip = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aip, row, row);
            }
        }
    }

    /// <summary>dst[cols, rows] = src[rows, cols]ᵀ.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> src, Span<T> dst, int rows, int cols)
    {
        const int Block = 32;
        for (int i0 = 0; i0 < rows; i0 += Block)
        {
            int i1 = Math.Min(i0 + Block, rows);
            for (int j0 = 0; j0 < cols; j0 += Block)
            {
                int j1 = Math.Min(j0 + Block, cols);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = j0; j < j1; j++)
                    {
                        dst[(j * rows) + i] = src[(i * cols) + j];
                    }
                }
            }
        }
    }
}
