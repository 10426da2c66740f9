using System.Numerics;
using System.Runtime.Intrinsics;

namespace StaticGraph.Kernels;

/// <summary>
/// General matrix multiply C[m,n] (+)= op(A)[m,k] · op(B)[k,n], row-major, op = optional transpose. A packed,
/// cache-blocked, register-tiled GEMM (the GotoBLAS/BLIS loop nest): B is packed into NR-column panels of KC rows
/// (a KC x NR micro-panel stays in L1 while the inner loop walks A), A into MR-row panels of an MC x KC block
/// (which stays in L2), and a register tile of MR x NR = MR x (2 vectors) accumulates each piece of C (see
/// <c>Tile</c>). Transposes and ragged edges are absorbed by the packing (edge panels are zero-padded); when C is
/// much narrower than a tile, the transposed product Cᵀ = op(B)ᵀ·op(A)ᵀ is computed instead, so the long dimension
/// runs along the vector lanes. Large products split C into one block per thread.
/// </summary>
internal static unsafe partial class Gemm
{
    // Depth of a packed block: a KC x NR float B micro-panel is 32 KB, inside the 48 KB L1 with room for A's stream.
    internal const int KC = 256;

    // Rows of A per packed block (rounded to the tile height): MC x KC floats is 240 KB, well inside a 1 MB L2.
    private const int MCTarget = 240;

    // Columns of B per packed block: KC x NC floats is 1 MB, shared by every MC block of a KC step.
    private const int NC = 1024;

    /// <summary>C[m,n] = op(A)·op(B) (or C += op(A)·op(B) when <paramref name="accumulate"/>), with op(A) [m,k] and
    /// op(B) [k,n]; A is stored [m,k] (or [k,m] when <paramref name="transposeA"/>), B [k,n] (or [n,k]), C [m,n],
    /// all row-major. Uses at most <paramref name="threads"/> threads, and one for small products.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA, bool transposeB, int threads, bool accumulate = false)
        where T : unmanaged, INumber<T> =>
        Multiply(a, b, c, m, n, k, transposeA, transposeB, threads, accumulate, BestWidth);

    /// <summary>The widest vector the hardware accelerates, in bits.</summary>
    internal static int BestWidth =>
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary><see cref="Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool, bool, int, bool)"/>
    /// on vectors of <paramref name="width"/> bits (tests run every width on one machine).</summary>
    internal static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA, bool transposeB, int threads, bool accumulate, int width)
        where T : unmanaged, INumber<T>
    {
        if ((long)m * k > a.Length || (long)k * n > b.Length || (long)m * n > c.Length)
        {
            throw new ArgumentException(
                $"GEMM operands too short for [{m},{k}]·[{k},{n}]: lengths {a.Length}, {b.Length}, {c.Length}");
        }

        fixed (T* pa = a, pb = b, pc = c)
        {
            // Element (i, j) of op(A) is at i·rs + j·cs: a transpose is a swap of strides, not a copy.
            var va = transposeA ? new View<T>(pa, 1, m) : new View<T>(pa, k, 1);
            var vb = transposeB ? new View<T>(pb, 1, k) : new View<T>(pb, n, 1);
            var vc = new View<T>(pc, n, 1);
            switch (width)
            {
                case 512:
                    Oriented<T, Vector512<T>, Simd512<T>>(va, vb, vc, m, n, k, accumulate, threads);
                    break;
                case 256:
                    Oriented<T, Vector256<T>, Simd256<T>>(va, vb, vc, m, n, k, accumulate, threads);
                    break;
                default:
                    Oriented<T, Vector128<T>, Simd128<T>>(va, vb, vc, m, n, k, accumulate, threads);
                    break;
            }
        }
    }

    /// <summary>A strided matrix: element (i, j) at P[i·Rs + j·Cs].</summary>
    private readonly struct View<T>(T* p, int rs, int cs) : IPanelSource<T>
        where T : unmanaged
    {
        public T* P { get; } = p;

        public int Rs { get; } = rs;

        public int Cs { get; } = cs;

        public View<T> Transposed => new(P, Cs, Rs);

        public T* At(int i, int j) => P + ((long)i * Rs) + ((long)j * Cs);

        public View<T> Offset(int i, int j) => new(At(i, j), Rs, Cs);

        public void PackPanels(int row, int rows, int p, int kc, int mr, T* dst) => Pack(At(row, p), Rs, Cs, rows, kc, mr, dst);
    }

    // Picks the orientation that wastes fewer padded lanes (by a clear margin): C = A·B, or Cᵀ = Bᵀ·Aᵀ when C is
    // narrow and tall.
    private static void Oriented<T, TV, TS>(View<T> a, View<T> b, View<T> c, int m, int n, int k, bool accumulate, int threads)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    new Span<T>(c.At(i, 0), n).Clear();
                }
            }

            return;
        }

        // The transposed orientation writes C through a tile buffer, element by element with a stride, so it must
        // save a quarter of the padded lanes to pay (it saves most of them when C is narrower than a tile).
        if (Transposes<T, TV, TS>(m, n))
        {
            Split<T, TV, TS, View<T>, View<T>>(b.Transposed, a, c.Transposed, n, m, k, accumulate, threads, default);
        }
        else
        {
            Split<T, TV, TS, View<T>, View<T>>(a, b.Transposed, c, m, n, k, accumulate, threads, default);
        }
    }

    private static bool Transposes<T, TV, TS>(int m, int n)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV> =>
        PaddedArea<T, TV, TS>(n, m) * 4 < PaddedArea<T, TV, TS>(m, n) * 3;

    // Lanes the tiles of an m x n C cover, padding included.
    private static long PaddedArea<T, TV, TS>(int m, int n)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV>
    {
        int mr = TileHeight<T, TV, TS>(m), nr = 2 * TS.Lanes;
        return (long)RoundUp(m, mr) * RoundUp(n, nr);
    }

    // The tile height for m rows: a short tile when C has few rows, so padding does not multiply the work, and an
    // 8-row tile where it pads noticeably less than the 12-row one (m = 32 or 64: a batch) for its ~10% higher cost
    // per row (more B loads per multiply-add).
    private static int TileHeight<T, TV, TS>(int m)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV> =>
        m <= 4 ? 4
        : TS.TileRows > 8 && (m <= 8 || RoundUp(m, 8) * 11 < RoundUp(m, TS.TileRows) * 10) ? 8
        : TS.TileRows;

    private static int RoundUp(int x, int step) => (x + step - 1) / step * step;

    // Splits C into a grid of at most `threads` blocks, one per worker, each an independent GEMM over its rows of A
    // and columns of B with its own packing buffers: no synchronization beyond the join.
    // A and B come from panel sources: a, whose lines are op(A)'s rows, and b, whose lines are op(B)'s columns (for
    // a matrix in memory, the view of op(B)ᵀ).
    private static void Split<T, TV, TS, TA, TB>(TA a, TB b, View<T> c, int m, int n, int k, bool accumulate, int threads,
        Prepacked<T> pre)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV>
        where TA : struct, IPanelSource<T>
        where TB : struct, IPanelSource<T>
    {
        int mr = TileHeight<T, TV, TS>(m), nr = 2 * TS.Lanes;
        int mTiles = (m + mr - 1) / mr, nTiles = (n + nr - 1) / nr;
        int t = Parallelism.Workers((long)m * n * k, threads, (long)mTiles * nTiles);
        if (t == 1)
        {
            Blocked<T, TV, TS, TA, TB>(a, 0, b, 0, c, m, n, k, accumulate, pre);
            return;
        }

        var (gm, gn) = Grid(t, mTiles, nTiles);
        Parallelism.Ranges(gm * gn, gm * gn, new BlockJob<T, TV, TS, TA, TB>(a, b, c, m, n, k, accumulate, gm, gn, mTiles, nTiles, pre));
    }

    // Worker w's block of a gm x gn grid over C's tiles: an independent GEMM over its rows of A and columns of B.
    private readonly struct BlockJob<T, TV, TS, TA, TB>(TA a, TB b, View<T> c, int m, int n, int k, bool accumulate,
        int gm, int gn, int mTiles, int nTiles, Prepacked<T> pre) : IRangeJob
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV>
        where TA : struct, IPanelSource<T>
        where TB : struct, IPanelSource<T>
    {
        public void Run(int worker, int start, int end)
        {
            int mr = TileHeight<T, TV, TS>(m), nr = 2 * TS.Lanes;
            int i0 = mTiles * (worker / gn) / gm * mr, i1 = Math.Min(mTiles * ((worker / gn) + 1) / gm * mr, m);
            int j0 = nTiles * (worker % gn) / gn * nr, j1 = Math.Min(nTiles * ((worker % gn) + 1) / gn * nr, n);
            if (i1 > i0 && j1 > j0)
            {
                Blocked<T, TV, TS, TA, TB>(a, i0, b, j0, c.Offset(i0, j0), i1 - i0, j1 - j0, k, accumulate, pre.From(j0 / nr));
            }
        }
    }

    // The gm x gn = t split of an mTiles x nTiles tile grid whose largest block has the fewest tiles.
    private static (int Gm, int Gn) Grid(int t, int mTiles, int nTiles)
    {
        var best = (Gm: 1, Gn: t);
        long bestTiles = long.MaxValue;
        for (int gm = 1; gm <= t; gm++)
        {
            if (t % gm != 0)
            {
                continue;
            }

            int gn = t / gm;
            long tiles = (long)((mTiles + gm - 1) / gm) * ((nTiles + gn - 1) / gn);
            if (tiles < bestTiles)
            {
                (best, bestTiles) = ((gm, gn), tiles);
            }
        }

        return best;
    }
}
