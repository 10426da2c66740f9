using System.Numerics;
using System.Runtime.Intrinsics;

namespace StaticGraph.Kernels;

/// <summary>
/// Where a GEMM operand comes from: a matrix in memory, or one built on the fly (im2col straight from the images,
/// without the im2col matrix). The GEMM asks for one block at a time, already in its packed panel layout. A source
/// is a matrix of lines: op(A)'s rows for the A operand, op(B)'s columns (op(B)ᵀ's rows) for the B operand.
/// </summary>
internal unsafe interface IPanelSource<T>
    where T : unmanaged
{
    /// <summary>Packs lines [row, row + rows) x positions [p, p + kc) into <paramref name="mr"/>-line panels: panel q
    /// holds, for each position, the mr values of lines row + q·mr .. contiguously (the last panel zero-padded).</summary>
    void PackPanels(int row, int rows, int p, int kc, int mr, T* dst);
}

internal static unsafe partial class Gemm
{
    /// <summary>C[m,n] = op(A)·op(B) (or += when <paramref name="accumulate"/>) with op(B) [k,n] built block by block by
    /// <paramref name="bColumns"/>, a source whose lines are op(B)'s columns (so a panel of B is a panel of its lines);
    /// A is stored [m,k] (or [k,m] when <paramref name="transposeA"/>), C [m,n]. Always in the C = A·B orientation;
    /// at most <paramref name="threads"/> threads.</summary>
    public static void Multiply<T, TB>(ReadOnlySpan<T> a, bool transposeA, TB bColumns, Span<T> c, int m, int n, int k, int threads,
        bool accumulate = false)
        where T : unmanaged, INumber<T>
        where TB : struct, IPanelSource<T>
    {
        if ((long)m * k > a.Length || (long)m * n > c.Length)
        {
            throw new ArgumentException($"GEMM operands too short for [{m},{k}]·[{k},{n}]: lengths {a.Length}, {c.Length}");
        }

        if (m == 0 || n == 0 || k == 0)
        {
            // Nothing to read from the source: the general path handles the empty products (k = 0 clears C).
            Multiply(a, ReadOnlySpan<T>.Empty, c, m, n, 0, transposeA, false, threads, accumulate);
            return;
        }

        fixed (T* pa = a, pc = c)
        {
            var va = transposeA ? new View<T>(pa, 1, m) : new View<T>(pa, k, 1);
            SplitAt(BestWidth, va, bColumns, new View<T>(pc, n, 1), m, n, k, accumulate, threads, default);
        }
    }

    /// <summary>C[m,n] = op(A)·op(B) (or += when <paramref name="accumulate"/>) with op(A) [m,k] built block by block by
    /// <paramref name="a"/>; B is stored [k,n] (or [n,k] when <paramref name="transposeB"/>), C [m,n]. Always in the
    /// C = A·B orientation; at most <paramref name="threads"/> threads.</summary>
    public static void Multiply<T, TA>(TA a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, bool transposeB, int threads,
        bool accumulate = false)
        where T : unmanaged, INumber<T>
        where TA : struct, IPanelSource<T>
    {
        if ((long)k * n > b.Length || (long)m * n > c.Length)
        {
            throw new ArgumentException($"GEMM operands too short for [{m},{k}]·[{k},{n}]: lengths {b.Length}, {c.Length}");
        }

        if (m == 0 || n == 0 || k == 0)
        {
            // Nothing to read from the source: the general path handles the empty products (k = 0 clears C).
            Multiply(ReadOnlySpan<T>.Empty, b, c, m, n, 0, false, transposeB, threads, accumulate);
            return;
        }

        fixed (T* pb = b, pc = c)
        {
            var vb = transposeB ? new View<T>(pb, 1, k) : new View<T>(pb, n, 1);
            SplitAt(BestWidth, a, vb.Transposed, new View<T>(pc, n, 1), m, n, k, accumulate, threads, default);
        }
    }

    // Split on vectors of `width` bits, in the C = A·B orientation.
    private static void SplitAt<T, TA, TB>(int width, TA a, TB b, View<T> c, int m, int n, int k, bool accumulate, int threads,
        Prepacked<T> pre)
        where T : unmanaged, INumber<T>
        where TA : struct, IPanelSource<T>
        where TB : struct, IPanelSource<T>
    {
        switch (width)
        {
            case 512:
                Split<T, Vector512<T>, Simd512<T>, TA, TB>(a, b, c, m, n, k, accumulate, threads, pre);
                break;
            case 256:
                Split<T, Vector256<T>, Simd256<T>, TA, TB>(a, b, c, m, n, k, accumulate, threads, pre);
                break;
            default:
                Split<T, Vector128<T>, Simd128<T>, TA, TB>(a, b, c, m, n, k, accumulate, threads, pre);
                break;
        }
    }
}
