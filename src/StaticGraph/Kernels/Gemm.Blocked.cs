using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticGraph.Kernels;

// The single-threaded loop nest: blocks of C, packing, and the walk over register tiles.
internal static unsafe partial class Gemm
{
    // Packed panels start on a cache line, so no vector load of a panel straddles two lines.
    internal const int Alignment = 64;

    /// <summary>C (+)= A·B on one thread, for rows [<paramref name="row"/>, row + m) of A's source, columns
    /// [<paramref name="col"/>, col + n) of B's (lines of op(B)ᵀ) and a view of C with any strides; B is packed block
    /// by block, or read from <paramref name="pre"/> when it was packed beforehand.</summary>
    private static void Blocked<T, TV, TS, TA, TB>(TA a, int row, TB b, int col, View<T> c, int m, int n, int k, bool accumulate,
        Prepacked<T> pre)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV>
        where TA : struct, IPanelSource<T>
        where TB : struct, IPanelSource<T>
    {
        int mr = TileHeight<T, TV, TS>(m), nr = 2 * TS.Lanes;
        int mc = Math.Min(Math.Max(MCTarget / mr, 1) * mr, RoundUp(m, mr));
        int kcMax = Math.Min(KC, k), ncMax = Math.Min(NC, RoundUp(n, nr));
        int pad = Alignment / sizeof(T);
        var scratchA = ArrayPool<T>.Shared.Rent((mc * kcMax) + pad);
        var scratchB = ArrayPool<T>.Shared.Rent(pre.P == null ? (kcMax * ncMax) + pad : 1);
        try
        {
            fixed (T* sa = scratchA, sb = scratchB)
            {
                T* packA = Aligned(sa), packB = Aligned(sb);
                for (int jc = 0; jc < n; jc += NC)
                {
                    int nc = Math.Min(NC, n - jc);
                    for (int pc = 0; pc < k; pc += KC)
                    {
                        int kc = Math.Min(KC, k - pc);
                        T* panels = pre.P != null ? pre.Panels(pc, jc / nr, kc, nr) : packB;
                        if (pre.P == null)
                        {
                            b.PackPanels(col + jc, nc, pc, kc, nr, packB);
                        }

                        for (int ic = 0; ic < m; ic += mc)
                        {
                            int rows = Math.Min(mc, m - ic);
                            a.PackPanels(row + ic, rows, pc, kc, mr, packA);
                            Macro<T, TV, TS>(packA, panels, c.Offset(ic, jc), rows, nc, kc, mr, accumulate || pc > 0);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratchA);
            ArrayPool<T>.Shared.Return(scratchB);
        }
    }

    private static T* Aligned<T>(T* p) where T : unmanaged =>
        (T*)(((nint)p + (Alignment - 1)) & ~(nint)(Alignment - 1));

    // Walks the register tiles of an mc x nc block of C. Full tiles of a unit-stride C are written in place; edge
    // tiles and the transposed orientation go through a small buffer and are copied out element by element.
    private static void Macro<T, TV, TS>(T* packA, T* packB, View<T> c, int mc, int nc, int kc, int mr, bool add)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV>
    {
        int nr = 2 * TS.Lanes;
        T* tile = stackalloc T[12 * 2 * 64 / sizeof(T)];
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            T* pb = packB + ((long)jr * kc);
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                T* pa = packA + ((long)ir * kc);
                T* pc = c.At(ir, jr);
                if (rows == mr && cols == nr && c.Cs == 1)
                {
                    RunTile<T, TV, TS>(mr, kc, pa, pb, pc, c.Rs, add);
                    continue;
                }

                RunTile<T, TV, TS>(mr, kc, pa, pb, tile, nr, false);
                CopyOut(tile, nr, pc, c.Rs, c.Cs, rows, cols, add);
            }
        }
    }

    // Writes (or adds) rows x cols of a tile buffer into C, walking C's unit stride innermost: in the transposed
    // orientation C's rows are the tile's columns.
    private static void CopyOut<T>(T* tile, int nr, T* c, int rs, int cs, int rows, int cols, bool add)
        where T : unmanaged, INumber<T>
    {
        if (rs == 1)
        {
            for (int j = 0; j < cols; j++)
            {
                T* dst = c + ((long)j * cs);
                for (int r = 0; r < rows; r++)
                {
                    T v = tile[(r * nr) + j];
                    dst[r] = add ? dst[r] + v : v;
                }
            }

            return;
        }

        for (int r = 0; r < rows; r++)
        {
            T* dst = c + ((long)r * rs);
            for (int j = 0; j < cols; j++)
            {
                T v = tile[(r * nr) + j];
                dst[(long)j * cs] = add ? dst[(long)j * cs] + v : v;
            }
        }
    }

    private static void RunTile<T, TV, TS>(int mr, int kc, T* a, T* b, T* c, int ldc, bool add)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV>
    {
        switch (mr)
        {
            case 4:
                Tile<T, TV, TS, Rows4>(kc, a, b, c, ldc, add);
                break;
            case 6:
                Tile<T, TV, TS, Rows6>(kc, a, b, c, ldc, add);
                break;
            case 8:
                Tile<T, TV, TS, Rows8>(kc, a, b, c, ldc, add);
                break;
            default:
                Tile<T, TV, TS, Rows12>(kc, a, b, c, ldc, add);
                break;
        }
    }

    // Both packings: `lines` lines (line l at src + l·lineStride, its k-th value pStride further), cut into panels of
    // `width` lines; each panel stores, for each p, its `width` values at p contiguously. Lines past the edge are zeros.
    internal static void Pack<T>(T* src, int lineStride, int pStride, int lines, int kc, int width, T* dst)
        where T : unmanaged
    {
        for (int q = 0; q < lines; q += width, dst += (long)width * kc)
        {
            int live = Math.Min(width, lines - q);
            T* first = src + ((long)q * lineStride);
            if (live < width)
            {
                new Span<T>(dst, width * kc).Clear();
            }

            if (lineStride == 1)
            {
                // The panel's lines are adjacent in memory: copy a run of `live` values per p.
                for (int p = 0; p < kc; p++)
                {
                    BlockCopy.Run(first + ((long)p * pStride), dst + ((long)p * width), live);
                }

                continue;
            }

            // Otherwise each line is read along p and scattered across the panel (a transpose): four lines at a time
            // through 4 x 4 register transposes where the lines are contiguous floats, element by element for the rest.
            int done = 0;
            if (typeof(T) == typeof(float) && pStride == 1 && Sse.IsSupported)
            {
                done = TransposeFloat4((float*)first, lineStride, live, kc, width, (float*)dst);
            }

            for (int l = done; l < live; l++)
            {
                T* line = first + ((long)l * lineStride);
                for (int p = 0; p < kc; p++)
                {
                    dst[(p * width) + l] = line[(long)p * pStride];
                }
            }
        }
    }

    // Packs the first lines / 4 · 4 lines of a transposing pack (lines contiguous along p, `lineStride` apart) with
    // 4 x 4 transposes: four lines' next four values are loaded as four vectors and stored as four p-steps of the
    // panel. The p tail is copied element by element. Returns how many lines it packed.
    private static int TransposeFloat4(float* first, int lineStride, int live, int kc, int width, float* dst)
    {
        int lines = live & ~3, p4 = kc & ~3;
        for (int l = 0; l < lines; l += 4)
        {
            float* s0 = first + ((long)l * lineStride), s1 = s0 + lineStride, s2 = s1 + lineStride, s3 = s2 + lineStride;
            float* d = dst + l;
            for (int p = 0; p < p4; p += 4, d += 4 * width)
            {
                Store4x4(Sse.LoadVector128(s0 + p), Sse.LoadVector128(s1 + p), Sse.LoadVector128(s2 + p), Sse.LoadVector128(s3 + p), d, width);
            }

            for (int p = p4; p < kc; p++)
            {
                float* row = dst + ((long)p * width) + l;
                (row[0], row[1], row[2], row[3]) = (s0[p], s1[p], s2[p], s3[p]);
            }
        }

        return lines;
    }

    /// <summary>Stores the transpose of the 4 x 4 block whose rows are r0..r3: column j of the block goes to
    /// d + j·stride.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static void Store4x4(Vector128<float> r0, Vector128<float> r1, Vector128<float> r2, Vector128<float> r3, float* d, int stride)
    {
        Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackHigh(r0, r1);
        Vector128<float> t2 = Sse.UnpackLow(r2, r3), t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(d, Sse.MoveLowToHigh(t0, t2));
        Sse.Store(d + stride, Sse.MoveHighToLow(t2, t0));
        Sse.Store(d + (2 * stride), Sse.MoveLowToHigh(t1, t3));
        Sse.Store(d + (3 * stride), Sse.MoveHighToLow(t3, t1));
    }
}
