using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Kernels;

namespace StaticGraph.Tests.Kernels;

/// <summary>Conv2D and its two backprops (im2col + GEMM, grouped over images and split across threads; few-channel
/// inputs through the transposed im2col matrix) against the convolution sum written out as one direct loop.</summary>
public class ConvKernelTests
{
    /// <summary>One random convolution: geometry, output channels, threads and data seed.</summary>
    internal sealed record Setup(Conv.Geometry G, int OC, int Threads, int Seed);

    private static Gen<Setup> Setups =>
        from n in Gen.Choose(0, 3)
        from h in Gen.Choose(1, 12)
        from w in Gen.Choose(1, 12)
        from c in Gen.Elements(1, 2, 3, 5, 8, 9, 17) // below 8 channels im2col writes the transposed matrix
        from kh in Gen.Choose(1, 4)
        from kw in Gen.Choose(1, 4)
        from s in Gen.Zip(Gen.Choose(1, 3), Gen.Choose(1, 3))
        from d in Gen.Zip(Gen.Choose(1, 2), Gen.Choose(1, 2))
        from same in Gen.Elements(false, true)
        where same || (h >= ((kh - 1) * d.Item1) + 1 && w >= ((kw - 1) * d.Item2) + 1)
        from oc in Gen.Choose(1, 6)
        from threads in Gen.Choose(1, 3)
        from seed in Gen.Choose(0, int.MaxValue)
        select new Setup(Conv.Geometry.Of(n, h, w, c, new Conv.Window(kh, kw, s.Item1, s.Item2, d.Item1, d.Item2, same)), oc, threads, seed);

    // y, dx and df by definition: every (image, output position, tap, channel, output channel) term where the tap
    // lands inside the input contributes x·f to y, dy·f to dx and x·dy to df.
    private static (double[] Y, double[] Dx, double[] Df) Direct(Conv.Geometry g, int oc, double[] x, double[] f, double[] dy)
    {
        var win = g.Win;
        var (y, dx, df) = (new double[g.N * g.Positions * oc], new double[x.Length], new double[f.Length]);
        for (int b = 0; b < g.N; b++)
        {
            for (int pos = 0; pos < g.Positions; pos++)
            {
                for (int tap = 0; tap < win.KH * win.KW; tap++)
                {
                    int ih = ((pos / g.OW) * win.SH) - g.PadTop + ((tap / win.KW) * win.DH);
                    int iw = ((pos % g.OW) * win.SW) - g.PadLeft + ((tap % win.KW) * win.DW);
                    for (int ch = 0; ch < g.C && ih >= 0 && ih < g.H && iw >= 0 && iw < g.W; ch++)
                    {
                        int xi = (((b * g.H) + ih) * g.W + iw) * g.C + ch;
                        for (int o = 0; o < oc; o++)
                        {
                            int fi = ((tap * g.C) + ch) * oc + o, yi = ((b * g.Positions) + pos) * oc + o;
                            y[yi] += x[xi] * f[fi];
                            dx[xi] += dy[yi] * f[fi];
                            df[fi] += x[xi] * dy[yi];
                        }
                    }
                }
            }
        }

        return (y, dx, df);
    }

    private static bool Agrees<T>(Setup t, double tol) where T : unmanaged, INumber<T>
    {
        var g = t.G;
        var r = new Random(t.Seed);
        double[] Draw(int size) => Enumerable.Range(0, size).Select(_ => (r.NextDouble() * 2) - 1).ToArray();
        var (x, f, dy) = (Draw(g.N * g.H * g.W * g.C), Draw(g.Win.KH * g.Win.KW * g.C * t.OC), Draw(g.N * g.Positions * t.OC));
        T[] Of(double[] v) => v.Select(T.CreateChecked).ToArray();
        var (y, dx, df) = (new T[dy.Length], Of(Draw(x.Length)), Of(Draw(f.Length)));
        Conv.Forward(Of(x), Of(f), y, g, t.OC, t.Threads);
        Conv.BackpropInput(Of(f), Of(dy), dx, g, t.OC, t.Threads);
        Conv.BackpropFilter(Of(x), Of(dy), df, g, t.OC, t.Threads);
        var expected = Direct(g, t.OC, x, f, dy);
        Close(expected.Y, y, tol, $"{t} y");
        Close(expected.Dx, dx, tol, $"{t} dx");
        Close(expected.Df, df, tol, $"{t} df");
        return true;
    }

    private static void Close<T>(double[] expected, T[] actual, double tol, string what) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double got = double.CreateChecked(actual[i]);
            if (Math.Abs(got - expected[i]) > tol * (1 + Math.Abs(expected[i])))
            {
                throw new InvalidOperationException($"{what}[{i}] = {got}, expected {expected[i]}");
            }
        }
    }

    [Fact]
    public void Float32_conv_and_backprops_match_the_direct_sums_for_random_geometries() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150).WithQuietOnSuccess(true),
            Prop.ForAll(Arb.From(Setups), t => Agrees<float>(t, 1e-4)));

    [Fact]
    public void Float64_conv_and_backprops_match_the_direct_sums_for_random_geometries() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150).WithQuietOnSuccess(true),
            Prop.ForAll(Arb.From(Setups), t => Agrees<double>(t, 1e-10)));

    [Theory]
    [InlineData(1, 5, 5, 4, 1)] // the font CNN's shapes: one channel in, four filters out
    [InlineData(2, 3, 3, 16, 32)] // many channels: the GEMM, not the packing, dominates
    [InlineData(2, 1, 1, 32, 8)] // pointwise: the images themselves are the im2col matrix
    public void Batches_above_the_split_threshold_match_the_direct_sums_on_one_and_two_threads(int threads, int kh, int kw, int c, int oc)
    {
        // 12 images of 28x28: enough multiply-adds that the work splits across workers (or inside the GEMM).
        var g = Conv.Geometry.Of(12, 28, 28, c, new Conv.Window(kh, kw, 1, 1, 1, 1, Same: true));
        Agrees<float>(new Setup(g, oc, threads, Seed: 11), 1e-4);
        Agrees<double>(new Setup(g, oc, threads, Seed: 12), 1e-10);
    }
}
