using System.Numerics;
using System.Numerics.Tensors;

namespace StaticGraph.Kernels;

// Depthwise convolution: every input channel c has its own M filters; output channel c·M + m.
internal static partial class Conv
{
    /// <summary>Calls <paramref name="tap"/>(outputPixel, inputPixel, filterTap) for every window tap of image
    /// <paramref name="img"/> that lands inside the input (offsets are pixel indices, not element indices).</summary>
    private static void ForEachTap(in Geometry g, int img, Action<int, int, int> tap)
    {
        var w = g.Win;
        for (int oh = 0; oh < g.OH; oh++)
        {
            for (int ow = 0; ow < g.OW; ow++)
            {
                int o = (((img * g.OH) + oh) * g.OW) + ow;
                for (int kh = 0; kh < w.KH; kh++)
                {
                    int ih = (oh * w.SH) - g.PadTop + (kh * w.DH);
                    if (ih < 0 || ih >= g.H)
                    {
                        continue;
                    }

                    for (int kw = 0; kw < w.KW; kw++)
                    {
                        int iw = (ow * w.SW) - g.PadLeft + (kw * w.DW);
                        if (iw >= 0 && iw < g.W)
                        {
                            tap(o, (((img * g.H) + ih) * g.W) + iw, (kh * w.KW) + kw);
                        }
                    }
                }
            }
        }
    }

    /// <summary>y[n, oh, ow, c·M + m] = Σ_{kh,kw} x[n, ih, iw, c] · f[kh, kw, c, m].</summary>
    public static void DepthwiseForward<T>(T[] x, T[] f, T[] y, Geometry g, int multiplier, int threads) where T : unmanaged, INumber<T>
    {
        int c = g.C, oc = c * multiplier;
        ForEachImage(g.N, (long)g.Positions * g.Win.KH * g.Win.KW * oc, threads, new ImageAction(img =>
        {
            y.AsSpan(img * g.Positions * oc, g.Positions * oc).Clear();
            ForEachTap(g, img, (o, i, t) =>
            {
                var yRow = y.AsSpan(o * oc, oc);
                var fRow = f.AsSpan(t * oc, oc);
                if (multiplier == 1)
                {
                    TensorPrimitives.MultiplyAdd<T>(x.AsSpan(i * c, c), fRow, yRow, yRow);
                    return;
                }

                for (int ch = 0; ch < c; ch++)
                {
                    var dst = yRow.Slice(ch * multiplier, multiplier);
                    TensorPrimitives.MultiplyAdd(fRow.Slice(ch * multiplier, multiplier), x[(i * c) + ch], dst, dst);
                }
            });
        }));
    }

    /// <summary>dx[n, ih, iw, c] = Σ over taps reading it of Σ_m dy[n, oh, ow, c·M + m] · f[kh, kw, c, m].</summary>
    public static void DepthwiseBackpropInput<T>(T[] f, T[] dy, T[] dx, Geometry g, int multiplier, int threads) where T : unmanaged, INumber<T>
    {
        int c = g.C, oc = c * multiplier;
        ForEachImage(g.N, (long)g.Positions * g.Win.KH * g.Win.KW * oc, threads, new ImageAction(img =>
        {
            dx.AsSpan(img * g.H * g.W * c, g.H * g.W * c).Clear();
            ForEachTap(g, img, (o, i, t) =>
            {
                var dxRow = dx.AsSpan(i * c, c);
                var dyRow = dy.AsSpan(o * oc, oc);
                var fRow = f.AsSpan(t * oc, oc);
                if (multiplier == 1)
                {
                    TensorPrimitives.MultiplyAdd<T>(dyRow, fRow, dxRow, dxRow);
                    return;
                }

                for (int ch = 0; ch < c; ch++)
                {
                    dxRow[ch] += TensorPrimitives.Dot<T>(dyRow.Slice(ch * multiplier, multiplier), fRow.Slice(ch * multiplier, multiplier));
                }
            });
        }));
    }

    /// <summary>df[kh, kw, c, m] = Σ_{n, oh, ow} x[n, ih, iw, c] · dy[n, oh, ow, c·M + m].</summary>
    public static void DepthwiseBackpropFilter<T>(T[] x, T[] dy, T[] df, Geometry g, int multiplier, int threads) where T : unmanaged, INumber<T>
    {
        int c = g.C, oc = c * multiplier;
        Accumulate(df, g.Win.KH * g.Win.KW * oc, g.N, (long)g.Positions * g.Win.KH * g.Win.KW * oc, threads, (img, acc) =>
            ForEachTap(g, img, (o, i, t) =>
            {
                var dfRow = acc.AsSpan(t * oc, oc);
                var dyRow = dy.AsSpan(o * oc, oc);
                if (multiplier == 1)
                {
                    TensorPrimitives.MultiplyAdd<T>(x.AsSpan(i * c, c), dyRow, dfRow, dfRow);
                    return;
                }

                for (int ch = 0; ch < c; ch++)
                {
                    var dst = dfRow.Slice(ch * multiplier, multiplier);
                    TensorPrimitives.MultiplyAdd(dyRow.Slice(ch * multiplier, multiplier), x[(i * c) + ch], dst, dst);
                }
            }));
    }
}
