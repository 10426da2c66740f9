using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticGraph.Kernels;

/// <summary>The row count of a register tile, as a type so the JIT compiles one micro-kernel body per count with the
/// unused rows removed.</summary>
internal interface ITileRows
{
    static abstract int Count { get; }
}

internal readonly struct Rows4 : ITileRows
{
    public static int Count => 4;
}

internal readonly struct Rows6 : ITileRows
{
    public static int Count => 6;
}

internal readonly struct Rows8 : ITileRows
{
    public static int Count => 8;
}

internal readonly struct Rows12 : ITileRows
{
    public static int Count => 12;
}

// The register-tiled inner kernel of the GEMM.
internal static partial class Gemm
{
    /// <summary>
    /// c[r, 0..2·Lanes) (+)= Σ_p a[p·R + r] · b[p·2·Lanes ..] for r &lt; R: one R x (2 vectors) tile of C from a packed
    /// A micro-panel (R values per k step) and a packed B micro-panel (two vectors per k step), with c's rows
    /// <paramref name="ldc"/> apart. The 2·R accumulators are separate locals (registers): with R = 12 there are 24
    /// independent FMA chains, more than the 2 FMA pipes × 4-cycle latency = 8 needed to keep both pipes busy, and
    /// each k step issues 2 vector loads and R broadcasts for 2·R FMAs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile<T, TV, TS, TR>(int kc, T* a, T* b, T* c, int ldc, bool add)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV>
        where TR : ITileRows
    {
        int step = 2 * TS.Lanes;
        TV c0a = TS.Zero, c0b = TS.Zero, c1a = TS.Zero, c1b = TS.Zero, c2a = TS.Zero, c2b = TS.Zero, c3a = TS.Zero, c3b = TS.Zero;
        TV c4a = TS.Zero, c4b = TS.Zero, c5a = TS.Zero, c5b = TS.Zero, c6a = TS.Zero, c6b = TS.Zero, c7a = TS.Zero, c7b = TS.Zero;
        TV c8a = TS.Zero, c8b = TS.Zero, c9a = TS.Zero, c9b = TS.Zero, c10a = TS.Zero, c10b = TS.Zero, c11a = TS.Zero, c11b = TS.Zero;
        for (int p = 0; p < kc; p++, a += TR.Count, b += step)
        {
            TV b0 = TS.Load(b), b1 = TS.Load(b + TS.Lanes), x;
            x = TS.Splat(a[0]);
            c0a = TS.MulAdd(x, b0, c0a);
            c0b = TS.MulAdd(x, b1, c0b);
            x = TS.Splat(a[1]);
            c1a = TS.MulAdd(x, b0, c1a);
            c1b = TS.MulAdd(x, b1, c1b);
            x = TS.Splat(a[2]);
            c2a = TS.MulAdd(x, b0, c2a);
            c2b = TS.MulAdd(x, b1, c2b);
            x = TS.Splat(a[3]);
            c3a = TS.MulAdd(x, b0, c3a);
            c3b = TS.MulAdd(x, b1, c3b);
            if (TR.Count > 4)
            {
                x = TS.Splat(a[4]);
                c4a = TS.MulAdd(x, b0, c4a);
                c4b = TS.MulAdd(x, b1, c4b);
                x = TS.Splat(a[5]);
                c5a = TS.MulAdd(x, b0, c5a);
                c5b = TS.MulAdd(x, b1, c5b);
            }

            if (TR.Count > 6)
            {
                x = TS.Splat(a[6]);
                c6a = TS.MulAdd(x, b0, c6a);
                c6b = TS.MulAdd(x, b1, c6b);
                x = TS.Splat(a[7]);
                c7a = TS.MulAdd(x, b0, c7a);
                c7b = TS.MulAdd(x, b1, c7b);
            }

            if (TR.Count > 8)
            {
                x = TS.Splat(a[8]);
                c8a = TS.MulAdd(x, b0, c8a);
                c8b = TS.MulAdd(x, b1, c8b);
                x = TS.Splat(a[9]);
                c9a = TS.MulAdd(x, b0, c9a);
                c9b = TS.MulAdd(x, b1, c9b);
                x = TS.Splat(a[10]);
                c10a = TS.MulAdd(x, b0, c10a);
                c10b = TS.MulAdd(x, b1, c10b);
                x = TS.Splat(a[11]);
                c11a = TS.MulAdd(x, b0, c11a);
                c11b = TS.MulAdd(x, b1, c11b);
            }
        }

        Put<T, TV, TS>(c + (0 * ldc), c0a, c0b, add);
        Put<T, TV, TS>(c + (1 * ldc), c1a, c1b, add);
        Put<T, TV, TS>(c + (2 * ldc), c2a, c2b, add);
        Put<T, TV, TS>(c + (3 * ldc), c3a, c3b, add);

        if (TR.Count > 4)
        {
            Put<T, TV, TS>(c + (4 * ldc), c4a, c4b, add);
            Put<T, TV, TS>(c + (5 * ldc), c5a, c5b, add);
        }

        if (TR.Count > 6)
        {
            Put<T, TV, TS>(c + (6 * ldc), c6a, c6b, add);
            Put<T, TV, TS>(c + (7 * ldc), c7a, c7b, add);
        }

        if (TR.Count > 8)
        {
            Put<T, TV, TS>(c + (8 * ldc), c8a, c8b, add);
            Put<T, TV, TS>(c + (9 * ldc), c9a, c9b, add);
            Put<T, TV, TS>(c + (10 * ldc), c10a, c10b, add);
            Put<T, TV, TS>(c + (11 * ldc), c11a, c11b, add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Put<T, TV, TS>(T* c, TV lo, TV hi, bool add)
        where T : unmanaged, INumber<T>
        where TV : struct
        where TS : ISimd<T, TV>
    {
        if (add)
        {
            lo = TS.Add(TS.Load(c), lo);
            hi = TS.Add(TS.Load(c + TS.Lanes), hi);
        }

        TS.Store(c, lo);
        TS.Store(c + TS.Lanes, hi);
    }
}
