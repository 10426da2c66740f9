using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace StaticGraph.Kernels;

// Max and average pooling over windows clipped to the input (SAME padding adds no elements: a max ignores it and an
// average divides by the number of input elements the window covers, as TF's CPU kernels do).
internal static partial class Conv
{
    /// <summary>The rows [h0, h1) and columns [w0, w1) of the input that output pixel (oh, ow)'s window covers.</summary>
    private static (int H0, int H1, int W0, int W1) Clip(in Geometry g, int oh, int ow)
    {
        int h0 = (oh * g.Win.SH) - g.PadTop, w0 = (ow * g.Win.SW) - g.PadLeft;
        return (Math.Max(h0, 0), Math.Min(h0 + g.Win.KH, g.H), Math.Max(w0, 0), Math.Min(w0 + g.Win.KW, g.W));
    }

    // Work per image in the units Parallelism weighs (GEMM multiply-adds): a window element costs a pooling loop
    // about as much as sixteen of the GEMM's vectorized multiply-adds, so batches split across cores sooner.
    private static long PoolWork(in Geometry g) => 16L * g.Positions * g.Win.KH * g.Win.KW * g.C;

    /// <summary>y[n, oh, ow, c] = max of x[n, h, w, c] over the window.</summary>
    public static void MaxPool<T>(T[] x, T[] y, Geometry g, int threads) where T : unmanaged, INumber<T>
    {
        if (WholeVectors<T>(g))
        {
            ForEachImage(g.N, PoolWork(g), threads, new MaxPoolVectorBody<T>(x, y, g));
            return;
        }

        ForEachImage(g.N, PoolWork(g), threads, new MaxPoolBody<T>(x, y, g));
    }

    // The pooling loops below run over whole 512-bit vectors of channels where the channel count allows.
    private static bool WholeVectors<T>(in Geometry g) where T : unmanaged =>
        Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && g.C % Vector512<T>.Count == 0;

    // MaxPoolBody on whole vectors of channels, through pointers (the same IEEE maximum, NaN-propagating).
    private readonly unsafe struct MaxPoolVectorBody<T>(T[] x, T[] y, Geometry g) : IImageBody
        where T : unmanaged, INumber<T>
    {
        public void Image(int img)
        {
            int c = g.C;
            fixed (T* px = x, py = y)
            {
                T* image = px + ((long)img * g.H * g.W * c);
                T* to = py + ((long)img * g.Positions * c);
                for (int oh = 0; oh < g.OH; oh++)
                {
                    for (int ow = 0; ow < g.OW; ow++, to += c)
                    {
                        var (h0, h1, w0, w1) = Clip(g, oh, ow);
                        for (int ch = 0; ch < c; ch += Vector512<T>.Count)
                        {
                            T* corner = image + ((((long)h0 * g.W) + w0) * c) + ch;
                            var best = Vector512.Load(corner);
                            for (int h = h0; h < h1; h++)
                            {
                                T* row = image + ((((long)h * g.W) + w0) * c) + ch;
                                for (int w = w0; w < w1; w++, row += c)
                                {
                                    best = Vector512.Max(best, Vector512.Load(row));
                                }
                            }

                            best.Store(to + ch);
                        }
                    }
                }
            }
        }
    }

    private readonly struct MaxPoolBody<T>(T[] x, T[] y, Geometry g) : IImageBody
        where T : unmanaged, INumber<T>
    {
        public void Image(int img)
        {
            int c = g.C;
            for (int oh = 0; oh < g.OH; oh++)
            {
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var (h0, h1, w0, w1) = Clip(g, oh, ow);
                    var yRow = y.AsSpan((((img * g.OH) + oh) * g.OW + ow) * c, c);
                    x.AsSpan((((img * g.H) + h0) * g.W + w0) * c, c).CopyTo(yRow);
                    for (int h = h0; h < h1; h++)
                    {
                        for (int w = w0; w < w1; w++)
                        {
                            TensorPrimitives.Max<T>(yRow, x.AsSpan((((img * g.H) + h) * g.W + w) * c, c), yRow);
                        }
                    }
                }
            }
        }
    }

    /// <summary>dx[n, h, w, c] = Σ dy[n, oh, ow, c] over the windows whose first maximum (in row-major window order)
    /// is x[n, h, w, c].</summary>
    public static void MaxPoolGrad<T>(T[] x, T[] dy, T[] dx, Geometry g, int threads) where T : unmanaged, INumber<T>
    {
        if (WholeVectors<T>(g) && g.Win.SH >= g.Win.KH && g.Win.SW >= g.Win.KW)
        {
            ForEachImage(g.N, PoolWork(g), threads, new DisjointMaxPoolGradBody<T>(x, dy, dx, g));
            return;
        }

        ForEachImage(g.N, PoolWork(g), threads, new MaxPoolGradBody<T>(x, dy, dx, g));
    }

    /// <summary><see cref="MaxPoolGradBody{T}"/> for windows that do not overlap (stride at least the window, the
    /// usual 2x2 / 2 pooling) on whole vectors of channels: each input element is in at most one window, so each
    /// window stores its dy where it routes it and zeros elsewhere instead of adding into a cleared dx, and dx is
    /// cleared first only where the windows leave gaps. The routing rule is the same: the first maximum in window
    /// order, or the window's first element for a lane whose maximum is NaN.</summary>
    private readonly unsafe struct DisjointMaxPoolGradBody<T>(T[] x, T[] dy, T[] dx, Geometry g) : IImageBody
        where T : unmanaged, INumber<T>
    {
        public void Image(int img)
        {
            int c = g.C;
            var w = g.Win;
            bool tiles = w.SH == w.KH && w.SW == w.KW && g.PadTop == 0 && g.PadLeft == 0 && g.OH * w.KH == g.H && g.OW * w.KW == g.W;
            fixed (T* px = x, pdy = dy, pdx = dx)
            {
                long offset = (long)img * g.H * g.W * c;
                T* image = px + offset, grads = pdx + offset;
                if (!tiles)
                {
                    new Span<T>(grads, g.H * g.W * c).Clear();
                }

                T* from = pdy + ((long)img * g.Positions * c);
                for (int oh = 0; oh < g.OH; oh++)
                {
                    for (int ow = 0; ow < g.OW; ow++, from += c)
                    {
                        var (h0, h1, w0, w1) = Clip(g, oh, ow);
                        long corner = (((long)h0 * g.W) + w0) * c;
                        for (int ch = 0; ch < c; ch += Vector512<T>.Count)
                        {
                            var best = Vector512.Load(image + corner + ch);
                            for (int h = h0; h < h1; h++)
                            {
                                for (int iw = w0; iw < w1; iw++)
                                {
                                    var v = Vector512.Load(image + ((((long)h * g.W) + iw) * c) + ch);
                                    best = Vector512.ConditionalSelect(Vector512.GreaterThan(v, best), v, best);
                                }
                            }

                            var grad = Vector512.Load(from + ch);
                            var left = Vector512<T>.AllBitsSet;
                            for (int h = h0; h < h1; h++)
                            {
                                for (int iw = w0; iw < w1; iw++)
                                {
                                    long p = ((((long)h * g.W) + iw) * c) + ch;
                                    var hit = Vector512.Equals(Vector512.Load(image + p), best) & left;
                                    (grad & hit).Store(grads + p);
                                    left = Vector512.AndNot(left, hit);
                                }
                            }

                            (Vector512.Load(grads + corner + ch) + (grad & left)).Store(grads + corner + ch);
                        }
                    }
                }
            }
        }
    }

    private readonly struct MaxPoolGradBody<T>(T[] x, T[] dy, T[] dx, Geometry g) : IImageBody
        where T : unmanaged, INumber<T>
    {
        public void Image(int img)
        {
            int c = g.C, lanes = Vector<T>.Count;
            int vectorEnd = Vector.IsHardwareAccelerated ? c - (c % lanes) : 0;
            dx.AsSpan(img * g.H * g.W * c, g.H * g.W * c).Clear();
            for (int oh = 0; oh < g.OH; oh++)
            {
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var win = Clip(g, oh, ow);
                    int o = (((img * g.OH) + oh) * g.OW + ow) * c;
                    for (int ch = 0; ch < vectorEnd; ch += lanes)
                    {
                        RouteToFirstMax(x, dy, dx, g, img, win, o, ch);
                    }

                    for (int ch = vectorEnd; ch < c; ch++)
                    {
                        int arg = (((img * g.H) + win.H0) * g.W + win.W0) * c + ch;
                        for (int h = win.H0; h < win.H1; h++)
                        {
                            for (int w = win.W0; w < win.W1; w++)
                            {
                                int p = (((img * g.H) + h) * g.W + w) * c + ch;
                                arg = x[p] > x[arg] ? p : arg;
                            }
                        }

                        dx[arg] += dy[o + ch];
                    }
                }
            }
        }
    }

    /// <summary>One vector of channels from <paramref name="ch"/> of <see cref="MaxPoolGrad{T}"/> at one output pixel:
    /// the window's maximum per lane (a strictly greater value replaces it, as in the scalar rule), then dy goes to
    /// the first position in window order that holds it. A lane whose maximum equals nothing (a NaN first value)
    /// routes to the window's first position, where the scalar rule leaves it.</summary>
    private static void RouteToFirstMax<T>(T[] x, T[] dy, T[] dx, in Geometry g, int img, (int H0, int H1, int W0, int W1) win, int o, int ch)
        where T : unmanaged, INumber<T>
    {
        int c = g.C, first = (((img * g.H) + win.H0) * g.W + win.W0) * c + ch;
        var best = new Vector<T>(x, first);
        for (int h = win.H0; h < win.H1; h++)
        {
            for (int w = win.W0; w < win.W1; w++)
            {
                var v = new Vector<T>(x, (((img * g.H) + h) * g.W + w) * c + ch);
                best = Vector.ConditionalSelect(Vector.GreaterThan(v, best), v, best);
            }
        }

        var grad = new Vector<T>(dy, o + ch);
        var left = Vector<T>.AllBitsSet;
        for (int h = win.H0; h < win.H1 && left != Vector<T>.Zero; h++)
        {
            for (int w = win.W0; w < win.W1 && left != Vector<T>.Zero; w++)
            {
                int p = (((img * g.H) + h) * g.W + w) * c + ch;
                var hit = Vector.Equals(new Vector<T>(x, p), best) & left;
                (new Vector<T>(dx, p) + (grad & hit)).CopyTo(dx, p);
                left = Vector.AndNot(left, hit);
            }
        }

        (new Vector<T>(dx, first) + (grad & left)).CopyTo(dx, first);
    }

    /// <summary>y[n, oh, ow, c] = mean of x[n, h, w, c] over the input elements the window covers.</summary>
    public static void AvgPool<T>(T[] x, T[] y, Geometry g, int threads) where T : unmanaged, INumber<T> =>
        ForEachImage(g.N, PoolWork(g), threads, new AvgPoolBody<T>(x, y, g));

    private readonly struct AvgPoolBody<T>(T[] x, T[] y, Geometry g) : IImageBody
        where T : unmanaged, INumber<T>
    {
        public void Image(int img)
        {
            int c = g.C;
            for (int oh = 0; oh < g.OH; oh++)
            {
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var (h0, h1, w0, w1) = Clip(g, oh, ow);
                    var yRow = y.AsSpan((((img * g.OH) + oh) * g.OW + ow) * c, c);
                    yRow.Clear();
                    for (int h = h0; h < h1; h++)
                    {
                        for (int w = w0; w < w1; w++)
                        {
                            TensorPrimitives.Add<T>(yRow, x.AsSpan((((img * g.H) + h) * g.W + w) * c, c), yRow);
                        }
                    }

                    TensorPrimitives.Divide(yRow, T.CreateChecked((h1 - h0) * (w1 - w0)), yRow);
                }
            }
        }
    }

    /// <summary>dx[n, h, w, c] = Σ dy[n, oh, ow, c] / count(window) over the windows covering (h, w).</summary>
    public static void AvgPoolGrad<T>(T[] dy, T[] dx, Geometry g, int threads) where T : unmanaged, INumber<T> =>
        ForEachImage(g.N, PoolWork(g), threads, new AvgPoolGradBody<T>(dy, dx, g));

    private readonly struct AvgPoolGradBody<T>(T[] dy, T[] dx, Geometry g) : IImageBody
        where T : unmanaged, INumber<T>
    {
        public void Image(int img)
        {
            int c = g.C;
            dx.AsSpan(img * g.H * g.W * c, g.H * g.W * c).Clear();
            var share = ArrayPool<T>.Shared.Rent(c);
            var s = share.AsSpan(0, c);
            for (int oh = 0; oh < g.OH; oh++)
            {
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var (h0, h1, w0, w1) = Clip(g, oh, ow);
                    TensorPrimitives.Divide(dy.AsSpan((((img * g.OH) + oh) * g.OW + ow) * c, c), T.CreateChecked((h1 - h0) * (w1 - w0)), s);
                    for (int h = h0; h < h1; h++)
                    {
                        for (int w = w0; w < w1; w++)
                        {
                            var dst = dx.AsSpan((((img * g.H) + h) * g.W + w) * c, c);
                            TensorPrimitives.Add<T>(dst, s, dst);
                        }
                    }
                }
            }

            ArrayPool<T>.Shared.Return(share);
        }
    }
}
