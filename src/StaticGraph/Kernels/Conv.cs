using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace StaticGraph.Kernels;

/// <summary>
/// NHWC convolution and pooling loops. Conv2D and its two backprops run as im2col + <see cref="Gemm"/>: each image's
/// receptive fields form a [OH·OW, KH·KW·C] matrix, which times the HWIO filter (a [KH·KW·C, OC] matrix) is the
/// output. The forward product and the filter gradient pack that matrix straight from the images into the GEMM's
/// panels (few-channel inputs build it transposed instead); the input gradient builds dy·fᵀ and adds it back
/// (col2im). Depthwise convolution and pooling are direct loops over channel rows. Batches above a size threshold
/// split images across cores.
/// </summary>
internal static partial class Conv
{
    /// <summary>A 2-D window: kernel size, strides, dilations and the padding scheme.</summary>
    public readonly record struct Window(int KH, int KW, int SH, int SW, int DH, int DW, bool Same);

    /// <summary>Input, output and padding sizes of a windowed op over an NHWC input [N, H, W, C].</summary>
    public readonly record struct Geometry(int N, int H, int W, int C, int OH, int OW, int PadTop, int PadLeft, Window Win)
    {
        /// <summary>The geometry of <paramref name="win"/> over an input [n, h, w, c]; a negative VALID output size is an
        /// <see cref="InvalidArgumentException"/>.</summary>
        public static Geometry Of(int n, int h, int w, int c, Window win)
        {
            var (oh, top) = OutputSize(h, win.KH, win.SH, win.DH, win.Same);
            var (ow, left) = OutputSize(w, win.KW, win.SW, win.DW, win.Same);
            return new Geometry(n, h, w, c, oh, ow, top, left, win);
        }

        /// <summary>The geometry from an NHWC shape's dims.</summary>
        public static Geometry Of(Shape input, Window win) => Of(input[0], input[1], input[2], input[3], win);

        /// <summary>Elements of one output image per output channel (OH·OW).</summary>
        public int Positions => OH * OW;
    }

    /// <summary>TF's windowed output size: SAME gives ceil(in / stride) with the total padding
    /// max((out - 1)·stride + k_eff - in, 0) split evenly, the extra after; VALID gives ceil((in - k_eff + 1) / stride).
    /// k_eff = (k - 1)·dilation + 1. An unknown input (-1) gives an unknown output.</summary>
    public static (int Out, int PadBefore) OutputSize(int input, int k, int stride, int dilation, bool same)
    {
        if (input < 0)
        {
            return (-1, 0);
        }

        int kEff = ((k - 1) * dilation) + 1;
        if (same)
        {
            int o = (input + stride - 1) / stride;
            int total = Math.Max(((o - 1) * stride) + kEff - input, 0);
            return (o, total / 2);
        }

        int valid = input - kEff + stride;
        if (input - kEff + 1 < 0)
        {
            throw new InvalidArgumentException(
                $"Computed output size would be negative: {input - kEff + 1} [input_size: {input}, effective_filter_size: {kEff}, stride: {stride}]");
        }

        return (valid / stride, 0);
    }

    /// <summary>The work of a kernel that loops over images, one image per call.</summary>
    private interface IImageBody
    {
        void Image(int img);
    }

    /// <summary>Runs <paramref name="body"/> for each image, split across at most <paramref name="threads"/> workers
    /// when the whole job is large.</summary>
    private static void ForEachImage<TBody>(int n, long workPerImage, int threads, in TBody body) where TBody : struct, IImageBody =>
        Parallelism.Ranges(n, Parallelism.Workers(workPerImage * n, threads, n), new ImageJob<TBody>(body));

    private readonly struct ImageJob<TBody>(TBody body) : IRangeJob
        where TBody : struct, IImageBody
    {
        public void Run(int worker, int start, int end)
        {
            for (int img = start; img < end; img++)
            {
                body.Image(img);
            }
        }
    }

    /// <summary>A closure as an image body, for kernels off the hot path (an allocation per call).</summary>
    private readonly struct ImageAction(Action<int> body) : IImageBody
    {
        public void Image(int img) => body(img);
    }

    /// <summary>The output columns [lo, hi) whose tap at offset <paramref name="kw"/> lands inside the input row.</summary>
    private static (int Lo, int Hi) InsideColumns(in Geometry g, int kw)
    {
        var w = g.Win;
        int off = (kw * w.DW) - g.PadLeft;
        int lo = off >= 0 ? 0 : (-off + w.SW - 1) / w.SW;
        int hi = g.W - off <= 0 ? 0 : ((g.W - off - 1) / w.SW) + 1;
        lo = Math.Min(lo, g.OW);
        return (lo, Math.Clamp(hi, lo, g.OW));
    }

    /// <summary>Copies image <paramref name="img"/>'s receptive fields transposed: colT[tap·C + ch, offset + oh·OW + ow]
    /// of a matrix whose rows are <paramref name="stride"/> long (the images of a group side by side). For inputs with
    /// few channels, where a row of the untransposed matrix would take a value or two per tap: here each (tap, channel)
    /// row takes a whole output row from one input row (a plain copy at stride 1), zeros where the tap reaches into
    /// padding.</summary>
    private static unsafe void Im2ColT<T>(ReadOnlySpan<T> x, Span<T> colT, in Geometry g, int img, int stride, int offset)
        where T : unmanaged, INumber<T>
    {
        var w = g.Win;
        int c = g.C;
        fixed (T* px = x, pcol = colT)
        {
            T* image = px + ((long)img * g.H * g.W * c);
            for (int tap = 0; tap < w.KH * w.KW; tap++)
            {
                int kh = tap / w.KW, kw = tap % w.KW;
                var (lo, hi) = InsideColumns(g, kw);
                for (int ch = 0; ch < c; ch++)
                {
                    T* row = pcol + ((long)((tap * c) + ch) * stride) + offset;
                    for (int oh = 0; oh < g.OH; oh++, row += g.OW)
                    {
                        int ih = (oh * w.SH) - g.PadTop + (kh * w.DH);
                        if (ih < 0 || ih >= g.H)
                        {
                            new Span<T>(row, g.OW).Clear();
                            continue;
                        }

                        new Span<T>(row, lo).Clear();
                        new Span<T>(row + hi, g.OW - hi).Clear();
                        T* src = image + ((((long)ih * g.W) + (lo * w.SW) + (kw * w.DW) - g.PadLeft) * c) + ch;
                        if (w.SW == 1 && c == 1)
                        {
                            BlockCopy.Run(src, row + lo, hi - lo);
                            continue;
                        }

                        for (int ow = lo; ow < hi; ow++, src += w.SW * c)
                        {
                            row[ow] = *src;
                        }
                    }
                }
            }
        }
    }

    // Below this many channels im2col writes the transposed matrix (Im2ColT).
    private const int FewChannels = 8;

    /// <summary>Adds col [OH·OW, KH·KW·C] back into image <paramref name="img"/> of dx (the adjoint of im2col).</summary>
    private static unsafe void Col2Im<T>(ReadOnlySpan<T> col, Span<T> dx, in Geometry g, int img) where T : unmanaged, INumber<T>
    {
        var w = g.Win;
        int c = g.C, k = w.KH * w.KW * c;
        fixed (T* pdx = dx, pcol = col)
        {
            T* image = pdx + ((long)img * g.H * g.W * c);
            for (int oh = 0; oh < g.OH; oh++)
            {
                for (int tap = 0; tap < w.KH * w.KW; tap++)
                {
                    int ih = (oh * w.SH) - g.PadTop + (tap / w.KW * w.DH), kw = tap % w.KW;
                    var (lo, hi) = ih >= 0 && ih < g.H ? InsideColumns(g, kw) : (0, 0);
                    T* src = pcol + ((long)oh * g.OW * k) + (tap * c) + ((long)lo * k);
                    T* dst = image + ((((long)ih * g.W) + (lo * w.SW) + (kw * w.DW) - g.PadLeft) * c);
                    for (int ow = lo; ow < hi; ow++, src += k, dst += w.SW * c)
                    {
                        int ch = 0;
                        for (; ch <= c - Vector<T>.Count; ch += Vector<T>.Count)
                        {
                            (Unsafe.Read<Vector<T>>(dst + ch) + Unsafe.Read<Vector<T>>(src + ch)).Store(dst + ch);
                        }

                        for (; ch < c; ch++)
                        {
                            dst[ch] += src[ch];
                        }
                    }
                }
            }
        }
    }

    // A 1x1 stride-1 window reads each input pixel once: the image itself is the im2col matrix.
    private static bool IsPointwise(in Geometry g) => g.Win is { KH: 1, KW: 1, SH: 1, SW: 1 };

    // The forward product and the filter gradient read im2col(x) straight from the images (Im2ColPanels) unless
    // the input has few channels: then a transposed im2col matrix is built (Im2ColT), whose rows are long runs.
    private static bool BuildsIm2Col(in Geometry g) => !IsPointwise(g) && g.C < FewChannels;

    /// <summary>y[N, OH, OW, OC] = conv(x[N, H, W, C], f[KH, KW, C, OC]) on at most <paramref name="threads"/>
    /// threads.</summary>
    public static void Forward<T>(T[] x, T[] f, T[] y, Geometry g, int oc, int threads) where T : unmanaged, INumber<T> =>
        ForEachGroup<T, ForwardBody<T>>(g, oc, threads, BuildsIm2Col(g), new ForwardBody<T>(x, f, y, g, oc));

    /// <summary>dx[N, H, W, C] = ∂⟨dy, conv(x, f)⟩/∂x: dy·fᵀ scattered back through col2im.</summary>
    public static void BackpropInput<T>(T[] f, T[] dy, T[] dx, Geometry g, int oc, int threads) where T : unmanaged, INumber<T>
    {
        // fᵀ is every group's B: packed once here rather than once per group (a transposing pack of the whole filter).
        int k = g.Win.KH * g.Win.KW * g.C;
        var filter = Interlocked.Exchange(ref SpareFilter<T>.Packed, null) ?? new PackedB<T>();
        if (!IsPointwise(g))
        {
            filter.Pack(f.AsSpan(0, k * oc), oc, k, transposed: true, Gemm.BestWidth);
        }

        ForEachGroup<T, BackpropInputBody<T>>(g, oc, threads, !IsPointwise(g), new BackpropInputBody<T>(f, filter, dy, dx, g, oc));
        Volatile.Write(ref SpareFilter<T>.Packed, filter);
    }

    // One packed filter kept between calls, so steady-state runs reuse its buffer (a concurrent call packs its own).
    private static class SpareFilter<T>
        where T : unmanaged, INumber<T>
    {
        public static PackedB<T>? Packed;
    }

    /// <summary>df[KH, KW, C, OC] = Σ_images im2col(x)ᵀ·dy.</summary>
    public static void BackpropFilter<T>(T[] x, T[] dy, T[] df, Geometry g, int oc, int threads) where T : unmanaged, INumber<T>
    {
        int size = g.Win.KH * g.Win.KW * g.C * oc;

        // Each worker sums its images into its own accumulator (worker 0 into df itself); the rest are added at the end.
        var partials = ArrayPool<T[]?>.Shared.Rent(Math.Max(threads, 1));
        df.AsSpan(0, size).Clear();
        try
        {
            ForEachGroup<T, BackpropFilterBody<T>>(g, oc, threads, BuildsIm2Col(g), new BackpropFilterBody<T>(x, dy, df, partials, g, oc));
        }
        finally
        {
            foreach (var p in partials.AsSpan(0, Math.Max(threads, 1)))
            {
                if (p is not null)
                {
                    TensorPrimitives.Add(df.AsSpan(0, size), p.AsSpan(0, size), df.AsSpan(0, size));
                    ArrayPool<T>.Shared.Return(p);
                }
            }

            ArrayPool<T[]?>.Shared.Return(partials, clearArray: true);
        }
    }

    /// <summary>The work of <see cref="ForEachGroup{T, TBody}"/> on images [first, first + count) of one worker,
    /// given an im2col scratch matrix big enough for them and the threads their GEMM may use.</summary>
    private interface IGroupBody<T>
    {
        void Group(int worker, int first, int count, T[] col, int inner);
    }

    private readonly unsafe struct ForwardBody<T>(T[] x, T[] f, T[] y, Geometry g, int oc) : IGroupBody<T>
        where T : unmanaged, INumber<T>
    {
        public void Group(int worker, int first, int count, T[] col, int inner)
        {
            int m = g.Positions, k = g.Win.KH * g.Win.KW * g.C;
            var yi = y.AsSpan(first * m * oc, count * m * oc);
            if (IsPointwise(g))
            {
                Gemm.Multiply<T>(x.AsSpan(first * m * k, count * m * k), f.AsSpan(0, k * oc), yi, count * m, oc, k, false, false, inner);
                return;
            }

            if (!BuildsIm2Col(g))
            {
                fixed (T* px = x)
                {
                    Gemm.Multiply(new Im2ColPanels<T>(px, g, first), f.AsSpan(0, k * oc), yi, count * m, oc, k, false, inner);
                }

                return;
            }

            for (int i = 0; i < count; i++)
            {
                Im2ColT<T>(x, col.AsSpan(0, count * m * k), g, first + i, count * m, i * m);
            }

            Gemm.Multiply<T>(col.AsSpan(0, count * m * k), f.AsSpan(0, k * oc), yi, count * m, oc, k, true, false, inner);
        }
    }

    private readonly struct BackpropInputBody<T>(T[] f, PackedB<T> filter, T[] dy, T[] dx, Geometry g, int oc) : IGroupBody<T>
        where T : unmanaged, INumber<T>
    {
        public void Group(int worker, int first, int count, T[] col, int inner)
        {
            int m = g.Positions, k = g.Win.KH * g.Win.KW * g.C, image = g.H * g.W * g.C;
            var dyi = dy.AsSpan(first * m * oc, count * m * oc);
            if (IsPointwise(g))
            {
                Gemm.Multiply<T>(dyi, f.AsSpan(0, k * oc), dx.AsSpan(first * image, count * image), count * m, k, oc, false, true, inner);
                return;
            }

            if (Gemm.KeepsOrientation<T>(count * m, k))
            {
                Gemm.Multiply<T>(dyi, filter, col.AsSpan(0, count * m * k), count * m, false, inner);
            }
            else
            {
                Gemm.Multiply<T>(dyi, f.AsSpan(0, k * oc), col.AsSpan(0, count * m * k), count * m, k, oc, false, true, inner);
            }

            dx.AsSpan(first * image, count * image).Clear();
            for (int i = 0; i < count; i++)
            {
                Col2Im<T>(col.AsSpan(i * m * k, m * k), dx, g, first + i);
            }
        }
    }

    private readonly unsafe struct BackpropFilterBody<T>(T[] x, T[] dy, T[] df, T[]?[] partials, Geometry g, int oc) : IGroupBody<T>
        where T : unmanaged, INumber<T>
    {
        public void Group(int worker, int first, int count, T[] col, int inner)
        {
            int m = g.Positions, k = g.Win.KH * g.Win.KW * g.C, size = k * oc;
            var acc = df;
            if (worker > 0)
            {
                if (partials[worker] is null)
                {
                    partials[worker] = ArrayPool<T>.Shared.Rent(size);
                    partials[worker].AsSpan(0, size).Clear();
                }

                acc = partials[worker]!;
            }

            var dyi = dy.AsSpan(first * m * oc, count * m * oc);
            if (IsPointwise(g))
            {
                Gemm.Multiply<T>(x.AsSpan(first * m * k, count * m * k), dyi, acc.AsSpan(0, size), k, oc, count * m, true, false, inner, accumulate: true);
            }
            else if (!BuildsIm2Col(g))
            {
                // dfᵀ = dyᵀ·im2col(x): op(B)'s columns are im2col(x)ᵀ's rows, and a panel of them at one position is
                // a run of one tap's channels (a copy), where A's panels would be a transpose per position.
                var t = ArrayPool<T>.Shared.Rent(size);
                fixed (T* px = x)
                {
                    Gemm.Multiply(dyi, true, new Im2ColTPanels<T>(px, g, first), t.AsSpan(0, size), oc, k, count * m, inner);
                }

                for (int i = 0; i < k; i++)
                {
                    for (int o = 0; o < oc; o++)
                    {
                        acc[(i * oc) + o] += t[(o * k) + i];
                    }
                }

                ArrayPool<T>.Shared.Return(t);
            }
            else
            {
                for (int i = 0; i < count; i++)
                {
                    Im2ColT<T>(x, col.AsSpan(0, count * m * k), g, first + i, count * m, i * m);
                }

                // df = im2col(x)ᵀ·dy, and the transposed matrix is im2col(x)ᵀ.
                Gemm.Multiply<T>(col.AsSpan(0, count * m * k), dyi, acc.AsSpan(0, size), k, oc, count * m, false, false, inner, accumulate: true);
            }
        }
    }

    // im2col scratch per group of images: about 1 MB of floats, so a group's matrix stays in L2/L3 while it is used.
    private const int GroupElements = 1 << 18;

    /// <summary>Splits the batch across workers in contiguous ranges of images, so im2col and packing run in parallel
    /// too (a batch too small to split runs its GEMMs on the threads instead); each worker walks its range in groups
    /// whose im2col matrix [count·OH·OW, KH·KW·C] fits the scratch, so one GEMM covers many images.</summary>
    private static void ForEachGroup<T, TBody>(Geometry g, int oc, int threads, bool scratch, in TBody body)
        where T : unmanaged
        where TBody : struct, IGroupBody<T>
    {
        int mk = g.Positions * g.Win.KH * g.Win.KW * g.C;
        long perImage = (long)mk * oc;
        int workers = Parallelism.Workers(perImage * g.N, threads, g.N);
        int inner = workers > 1 ? 1 : Parallelism.Workers(perImage, threads);
        int group = scratch ? (int)Math.Clamp(GroupElements / Math.Max(mk, 1), 1, Math.Max(g.N, 1)) : Math.Max(g.N, 1);
        Parallelism.Ranges(g.N, workers, new GroupJob<T, TBody>(body, scratch ? mk : 0, group, inner));
    }

    // One worker's range of images, walked in groups that share one rented im2col scratch (none when the body
    // builds no matrix: then one group covers the range).
    private readonly struct GroupJob<T, TBody>(TBody body, int mk, int group, int inner) : IRangeJob
        where T : unmanaged
        where TBody : struct, IGroupBody<T>
    {
        public void Run(int worker, int start, int end)
        {
            var col = ArrayPool<T>.Shared.Rent(Math.Min(group, end - start) * mk);
            for (int first = start; first < end; first += group)
            {
                body.Group(worker, first, Math.Min(group, end - first), col, inner);
            }

            ArrayPool<T>.Shared.Return(col);
        }
    }

    /// <summary>result[0, size) = Σ over images of what <paramref name="add"/> adds into its accumulator, with one
    /// accumulator per worker when the job is split across at most <paramref name="threads"/> cores.</summary>
    private static void Accumulate<T>(T[] result, int size, int n, long workPerImage, int threads, Action<int, T[]> add) where T : unmanaged, INumber<T>
    {
        int workers = Parallelism.Workers(workPerImage * n, threads, n);
        result.AsSpan(0, size).Clear();
        var partials = new T[workers][];
        Parallelism.Ranges(n, workers, (w, start, end) =>
        {
            var acc = w == 0 ? result : partials[w] = new T[size];
            for (int img = start; img < end; img++)
            {
                add(img, acc);
            }
        });
        foreach (var p in partials.AsSpan(1))
        {
            if (p is not null)
            {
                TensorPrimitives.Add(result.AsSpan(0, size), p, result.AsSpan(0, size));
            }
        }
    }
}
