using System.Numerics;
using System.Runtime.Intrinsics;

namespace StaticGraph.Kernels;

/// <summary>
/// Where a GEMM's A operand comes from when it is not a matrix in memory: the GEMM asks for one block at a time,
/// already in its packed panel layout, so a source can build op(A) on the fly (im2col straight from the images,
/// without the im2col matrix).
/// </summary>
internal unsafe interface IPanelSource<T>
    where T : unmanaged
{
    /// <summary>Packs rows [row, row + rows) x columns [p, p + kc) of op(A) into <paramref name="mr"/>-row panels: panel
    /// q holds, for each column, the mr values of rows row + q·mr .. contiguously (the last panel zero-padded).</summary>
    void PackPanels(int row, int rows, int p, int kc, int mr, T* dst);
}

internal static unsafe partial class Gemm
{
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
            var vc = new View<T>(pc, n, 1);
            switch (BestWidth)
            {
                case 512:
                    Split<T, Vector512<T>, Simd512<T>, TA>(a, vb, vc, m, n, k, accumulate, threads, default);
                    break;
                case 256:
                    Split<T, Vector256<T>, Simd256<T>, TA>(a, vb, vc, m, n, k, accumulate, threads, default);
                    break;
                default:
                    Split<T, Vector128<T>, Simd128<T>, TA>(a, vb, vc, m, n, k, accumulate, threads, default);
                    break;
            }
        }
    }
}
