using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace StaticGraph.Kernels;

/// <summary>
/// Bias over the last axis (BiasAdd and BiasAddGrad in NHWC): y[r, :] = x[r, :] + b, and db = Σ_r dy[r, :]. Rows are
/// walked with whole vectors through pointers (a per-row library call costs more than a row of a few dozen channels
/// does), and large tensors split their rows across cores.
/// </summary>
internal static unsafe class Bias
{
    // Work per element in the units Parallelism weighs (GEMM multiply-adds): a streamed element costs about as much
    // as sixteen of the GEMM's vectorized multiply-adds, as for pooling.
    private const long ElementWork = 16;

    /// <summary>y[r, ch] = x[r, ch] + b[ch] for rows [0, rows) of c channels (then max(·, 0), IEEE: NaN stays NaN,
    /// when <paramref name="relu"/>), on at most <paramref name="threads"/> threads. y may be x.</summary>
    public static void Add<T>(T[] x, T[] b, T[] y, int rows, int c, int threads, bool relu = false) where T : unmanaged, INumber<T> =>
        Parallelism.Ranges(rows, Parallelism.Workers(ElementWork * rows * c, threads, rows), new AddJob<T>(x, b, y, c, relu));

    private readonly struct AddJob<T>(T[] x, T[] b, T[] y, int c, bool relu) : IRangeJob
        where T : unmanaged, INumber<T>
    {
        public void Run(int worker, int start, int end)
        {
            fixed (T* px = x, pb = b, py = y)
            {
                for (int r = start; r < end; r++)
                {
                    long at = (long)r * c;
                    if (relu)
                    {
                        AddRow<T, Clamped>(px + at, pb, py + at, c);
                    }
                    else
                    {
                        AddRow<T, Plain>(px + at, pb, py + at, c);
                    }
                }
            }
        }
    }

    /// <summary>What a row's sums go through before they are stored, as a type so each variant compiles its own
    /// loop.</summary>
    private interface IFinish
    {
        static abstract Vector512<T> Apply<T>(Vector512<T> v) where T : unmanaged, INumber<T>;

        static abstract T Apply<T>(T v) where T : unmanaged, INumber<T>;
    }

    private readonly struct Plain : IFinish
    {
        public static Vector512<T> Apply<T>(Vector512<T> v) where T : unmanaged, INumber<T> => v;

        public static T Apply<T>(T v) where T : unmanaged, INumber<T> => v;
    }

    // ReLU, the IEEE maximum with zero (NaN stays NaN, -0 becomes +0), as the Relu op computes it.
    private readonly struct Clamped : IFinish
    {
        public static Vector512<T> Apply<T>(Vector512<T> v) where T : unmanaged, INumber<T> => Vector512.Max(v, Vector512<T>.Zero);

        public static T Apply<T>(T v) where T : unmanaged, INumber<T> => T.Max(v, T.Zero);
    }

    private static void AddRow<T, TF>(T* x, T* b, T* y, int c)
        where T : unmanaged, INumber<T>
        where TF : IFinish
    {
        int ch = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; ch <= c - Vector512<T>.Count; ch += Vector512<T>.Count)
            {
                TF.Apply(Vector512.Load(x + ch) + Vector512.Load(b + ch)).Store(y + ch);
            }
        }

        for (; ch < c; ch++)
        {
            y[ch] = TF.Apply(x[ch] + b[ch]);
        }
    }

    /// <summary>db[ch] = Σ_r dy[r, ch] over rows [0, rows) of c channels, on at most <paramref name="threads"/>
    /// threads (each sums its rows into its own accumulator; they are added in worker order).</summary>
    public static void ColumnSums<T>(T[] dy, T[] db, int rows, int c, int threads) where T : unmanaged, INumber<T>
    {
        if (rows == 0)
        {
            db.AsSpan(0, c).Clear();
            return;
        }

        int workers = Parallelism.Workers(ElementWork * rows * c, threads, rows);
        var partials = ArrayPool<T>.Shared.Rent(workers * c);
        try
        {
            Parallelism.Ranges(rows, workers, new SumJob<T>(dy, partials, c));
            var sum = db.AsSpan(0, c);
            partials.AsSpan(0, c).CopyTo(sum);
            for (int w = 1; w < workers; w++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add<T>(sum, partials.AsSpan(w * c, c), sum);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
        }
    }

    private readonly struct SumJob<T>(T[] dy, T[] partials, int c) : IRangeJob
        where T : unmanaged, INumber<T>
    {
        public void Run(int worker, int start, int end)
        {
            fixed (T* pd = dy, pp = partials)
            {
                T* acc = pp + ((long)worker * c);
                new Span<T>(acc, c).Clear();
                for (int r = start; r < end; r++)
                {
                    AddRow<T, Plain>(acc, pd + ((long)r * c), acc, c);
                }
            }
        }
    }
}
