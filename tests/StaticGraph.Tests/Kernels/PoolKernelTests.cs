using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Kernels;

namespace StaticGraph.Tests.Kernels;

/// <summary>The max-pool gradient kernel (vectors over channels, a scalar loop for the channel tail; a store per
/// window where windows do not overlap) against the rule written out per element: dy goes to the window's first
/// maximum in row-major window order. The max-pool kernel on whole vectors against the IEEE maximum.</summary>
public class PoolKernelTests
{
    /// <summary>One random pooling: geometry and data seed.</summary>
    internal sealed record Setup(Conv.Geometry G, int Seed, int Threads = 1);

    // Channel counts straddle the vector width (1 to 40 covers below, at, and a tail past one and two vectors).
    private static Gen<Setup> Setups =>
        from n in Gen.Choose(1, 3)
        from h in Gen.Choose(1, 9)
        from w in Gen.Choose(1, 9)
        from c in Gen.Choose(1, 40)
        from k in Gen.Zip(Gen.Choose(1, 3), Gen.Choose(1, 3))
        from s in Gen.Zip(Gen.Choose(1, 3), Gen.Choose(1, 3))
        from same in Gen.Elements(false, true)
        where same || (h >= k.Item1 && w >= k.Item2)
        from seed in Gen.Choose(0, int.MaxValue)
        select new Setup(Conv.Geometry.Of(n, h, w, c, new Conv.Window(k.Item1, k.Item2, s.Item1, s.Item2, 1, 1, same)), seed);

    // Output pixel (oh, ow)'s window clipped to the input: rows [h0, h1), columns [w0, w1).
    private static (int H0, int H1, int W0, int W1) Window(Conv.Geometry g, int oh, int ow) =>
        (Math.Max((oh * g.Win.SH) - g.PadTop, 0), Math.Min((oh * g.Win.SH) - g.PadTop + g.Win.KH, g.H),
         Math.Max((ow * g.Win.SW) - g.PadLeft, 0), Math.Min((ow * g.Win.SW) - g.PadLeft + g.Win.KW, g.W));

    private static T[] Reference<T>(T[] x, T[] dy, Conv.Geometry g) where T : INumber<T>
    {
        var dx = new T[x.Length];
        for (int img = 0; img < g.N; img++)
        {
            for (int oh = 0; oh < g.OH; oh++)
            {
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var (h0, h1, w0, w1) = Window(g, oh, ow);
                    for (int ch = 0; ch < g.C; ch++)
                    {
                        int arg = -1;
                        for (int hh = h0; hh < h1; hh++)
                        {
                            for (int ww = w0; ww < w1; ww++)
                            {
                                int p = ((((img * g.H) + hh) * g.W) + ww) * g.C + ch;
                                arg = arg < 0 || x[p] > x[arg] ? p : arg;
                            }
                        }

                        dx[arg] += dy[((((img * g.OH) + oh) * g.OW) + ow) * g.C + ch];
                    }
                }
            }
        }

        return dx;
    }

    // Values from {0, 1, 2} make ties common; `nan` replaces about one float in eight by NaN.
    private static bool Agrees<T>(Setup t, Func<int, T> value) where T : unmanaged, INumber<T>
    {
        var g = t.G;
        var rng = new Random(t.Seed);
        var x = new T[g.N * g.H * g.W * g.C].Select(_ => value(rng.Next(24))).ToArray();
        var dy = new T[g.N * g.OH * g.OW * g.C].Select(_ => T.CreateChecked(rng.Next(1, 100))).ToArray();
        var dx = new T[x.Length];
        Array.Fill(dx, T.CreateChecked(7)); // the kernel must overwrite, not add to, what dx held
        Conv.MaxPoolGrad(x, dy, dx, g, t.Threads);
        Assert.Equal(Reference(x, dy, g), dx);
        return true;
    }

    [Fact]
    public void Float32_max_pool_gradient_routes_ties_and_NaNs_to_the_first_maximum() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150).WithQuietOnSuccess(true),
            Prop.ForAll(Arb.From(Setups), t => Agrees(t, r => r < 3 ? float.NaN : r % 3)));

    [Fact]
    public void Int32_max_pool_gradient_routes_ties_to_the_first_maximum() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150).WithQuietOnSuccess(true),
            Prop.ForAll(Arb.From(Setups), t => Agrees(t, r => r % 3)));

    // The window maximum with NaN propagating (IEEE maximum), as y is defined.
    private static T[] MaxPoolReference<T>(T[] x, Conv.Geometry g) where T : INumber<T>
    {
        var y = new T[g.N * g.OH * g.OW * g.C];
        for (int img = 0; img < g.N; img++)
        {
            for (int oh = 0; oh < g.OH; oh++)
            {
                for (int ow = 0; ow < g.OW; ow++)
                {
                    var (h0, h1, w0, w1) = Window(g, oh, ow);
                    for (int ch = 0; ch < g.C; ch++)
                    {
                        T best = x[((((img * g.H) + h0) * g.W) + w0) * g.C + ch];
                        for (int hh = h0; hh < h1; hh++)
                        {
                            for (int ww = w0; ww < w1; ww++)
                            {
                                best = T.Max(best, x[((((img * g.H) + hh) * g.W) + ww) * g.C + ch]);
                            }
                        }

                        y[((((img * g.OH) + oh) * g.OW) + ow) * g.C + ch] = best;
                    }
                }
            }
        }

        return y;
    }

    // Whole 512-bit vectors of channels take the pointer loops: the vector maximum, and the gradient that stores
    // per window where windows do not overlap.
    [Theory]
    [InlineData(16, 2, 2, true, 28)] // the CNN's pooling: the windows tile the input exactly
    [InlineData(32, 2, 2, false, 9)] // VALID on an odd size: the last row and column are in no window
    [InlineData(48, 2, 3, true, 10)] // stride past the window: gaps between windows
    [InlineData(16, 3, 1, true, 7)] // overlapping windows: the general gradient loop
    public void Whole_vectors_of_channels_pool_and_route_like_the_rule(int c, int k, int s, bool same, int size)
    {
        var g = Conv.Geometry.Of(2, size, size, c, new Conv.Window(k, k, s, s, 1, 1, same));
        for (int seed = 0; seed < 5; seed++)
        {
            Agrees(new Setup(g, seed), r => r < 3 ? float.NaN : r % 3);
            Agrees(new Setup(g, seed), r => r % 3);
            var rng = new Random(seed);
            var x = new float[g.N * g.H * g.W * g.C].Select(_ => rng.Next(24) is var r && r < 2 ? float.NaN : (r % 5) - 2 + (r == 3 ? -0f : 0f)).ToArray();
            var y = new float[g.N * g.OH * g.OW * g.C];
            Conv.MaxPool(x, y, g, threads: 1);
            Assert.Equal(MaxPoolReference(x, g).Select(BitConverter.SingleToInt32Bits), y.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_batch_large_enough_to_split_across_workers_routes_like_the_rule(int threads)
    {
        // 12 images of 28x28x40 under overlapping 3x3 windows: millions of comparisons, so two workers share them.
        var g = Conv.Geometry.Of(12, 28, 28, 40, new Conv.Window(3, 3, 1, 1, 1, 1, Same: true));
        Agrees(new Setup(g, Seed: 3, threads), r => r < 3 ? float.NaN : r % 3);
    }
}
