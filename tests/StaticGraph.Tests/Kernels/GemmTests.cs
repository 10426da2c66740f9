using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Kernels;

namespace StaticGraph.Tests.Kernels;

/// <summary>The packed GEMM against a plain triple loop: random shapes (tile-edge sizes 1, 7, 17, 255, 1023 among
/// them), every transpose combination, float32/float64/int32/int64, every vector width, several thread counts and the
/// accumulate variant.</summary>
public class GemmTests
{
    /// <summary>One random product: shape, transposes, vector width, threads, accumulate, and the seed of its data.</summary>
    public sealed record Product(int M, int N, int K, bool TA, bool TB, int Width, int Threads, bool Accumulate, int Seed);

    private static readonly Gen<int> Dims = Gen.OneOf(Gen.Elements(1, 7, 17, 255, 1023), Gen.Choose(1, 70));

    // Shapes up to a few million multiply-adds, so the reference loop stays fast.
    private static Gen<Product> Products =>
        from m in Dims
        from n in Dims
        from k in Gen.OneOf(Dims, Gen.Constant(0))
        where (long)m * n * Math.Max(k, 1) <= 3_000_000
        from ta in Gen.Elements(false, true)
        from tb in Gen.Elements(false, true)
        from width in Gen.Elements(512, 256, 128)
        from threads in Gen.Elements(1, 2, 3)
        from acc in Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue)
        select new Product(m, n, k, ta, tb, width, threads, acc, seed);

    // C (+)= op(A)·op(B) by definition, summed in double, with the sum of |terms| for the rounding bound.
    private static (double[] C, double[] Abs) Reference(double[] a, double[] b, double[] c0, Product t)
    {
        var (c, abs) = (new double[t.M * t.N], new double[t.M * t.N]);
        for (int i = 0; i < t.M; i++)
        {
            for (int j = 0; j < t.N; j++)
            {
                double s = t.Accumulate ? c0[(i * t.N) + j] : 0, s1 = Math.Abs(s);
                for (int p = 0; p < t.K; p++)
                {
                    double x = a[t.TA ? (p * t.M) + i : (i * t.K) + p] * b[t.TB ? (j * t.K) + p : (p * t.N) + j];
                    s += x;
                    s1 += Math.Abs(x);
                }

                (c[(i * t.N) + j], abs[(i * t.N) + j]) = (s, s1);
            }
        }

        return (c, abs);
    }

    private static bool Agrees<T>(Product t, double eps, PackedB<T>? prepacked = null) where T : unmanaged, INumber<T>
    {
        var r = new Random(t.Seed);
        // Integer types get small integers (exact in every type); floating types get fractions in [-4, 4).
        double[] Draw(int size) => Enumerable.Range(0, size).Select(_ => (r.NextDouble() * 8) - 4).Select(x => eps == 0 ? Math.Round(x) : x).ToArray();
        var (a, b, c0) = (Draw(t.M * t.K), Draw(t.K * t.N), Draw(t.M * t.N));
        var c = c0.Select(T.CreateChecked).ToArray();
        if (prepacked is null)
        {
            Gemm.Multiply<T>(a.Select(T.CreateChecked).ToArray(), b.Select(T.CreateChecked).ToArray(), c, t.M, t.N, t.K, t.TA, t.TB,
                t.Threads, t.Accumulate, t.Width);
        }
        else
        {
            prepacked.Pack(b.Select(T.CreateChecked).ToArray(), t.K, t.N, t.TB, t.Width);
            Gemm.Multiply<T>(a.Select(T.CreateChecked).ToArray(), prepacked, c, t.M, t.TA, t.Threads, t.Accumulate);
        }

        var (expected, abs) = Reference(a, b, c0, t);
        for (int i = 0; i < expected.Length; i++)
        {
            double got = double.CreateChecked(c[i]), tol = 2 * eps * (t.K + 1) * abs[i];
            if (Math.Abs(got - expected[i]) > tol)
            {
                throw new InvalidOperationException($"{t}: C[{i / t.N}, {i % t.N}] = {got}, expected {expected[i]} ± {tol}");
            }
        }

        return true;
    }

    private static void CheckAll(Func<Product, bool> agrees, int count) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(Products), agrees));

    [Fact]
    public void Float32_products_match_the_triple_loop_for_random_shapes_transposes_and_widths() =>
        CheckAll(t => Agrees<float>(t, MathF.BitIncrement(1f) - 1f), 150);

    [Fact]
    public void Float64_products_match_the_triple_loop_for_random_shapes_transposes_and_widths() =>
        CheckAll(t => Agrees<double>(t, Math.BitIncrement(1.0) - 1.0), 150);

    // One PackedB per type, repacked for every case: its buffer is reused across shapes, widths and transposes.
    [Fact]
    public void Products_with_B_packed_beforehand_match_the_triple_loop()
    {
        var (f32, f64) = (new PackedB<float>(), new PackedB<double>());
        CheckAll(t => Agrees(t, MathF.BitIncrement(1f) - 1f, f32) && Agrees(t, Math.BitIncrement(1.0) - 1.0, f64), 150);
    }

    // Large enough (12.6M multiply-adds) that two or three workers each take a block of C's columns and read their
    // panels at an offset into the packed B.
    [Theory]
    [InlineData(2, false, false)]
    [InlineData(3, true, true)]
    [InlineData(3, false, true)]
    public void A_prepacked_product_split_across_workers_matches_the_triple_loop(int threads, bool ta, bool tb) =>
        Assert.True(Agrees(new Product(70, 300, 600, ta, tb, Gemm.BestWidth, threads, tb, 7), MathF.BitIncrement(1f) - 1f, new PackedB<float>()));

    // Small integers are exact in every type, so integer products must agree exactly (eps = 0).
    [Fact]
    public void Integer_products_are_exact() =>
        CheckAll(t => Agrees<int>(t, 0) && Agrees<long>(t, 0), 60);

    [Theory]
    [InlineData(false, false, new float[] { 1, 2, 3, 4 }, new float[] { 5, 6, 7, 8 })]
    [InlineData(true, false, new float[] { 1, 3, 2, 4 }, new float[] { 5, 6, 7, 8 })]
    [InlineData(false, true, new float[] { 1, 2, 3, 4 }, new float[] { 5, 7, 6, 8 })]
    [InlineData(true, true, new float[] { 1, 3, 2, 4 }, new float[] { 5, 7, 6, 8 })]
    public void A_two_by_two_product_is_hand_computed_under_every_transpose(bool ta, bool tb, float[] a, float[] b)
    {
        // [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]], whichever way the operands are stored.
        var c = new float[4];
        Gemm.Multiply<float>(a, b, c, 2, 2, 2, ta, tb, threads: 1);
        Assert.Equal([19f, 22f, 43f, 50f], c);
    }

    [Fact]
    public void Accumulate_adds_the_product_to_what_C_holds()
    {
        var c = new double[] { 1, 1, 1, 1 };
        Gemm.Multiply<double>([1, 2, 3, 4], [5, 6, 7, 8], c, 2, 2, 2, false, false, threads: 1, accumulate: true);
        Assert.Equal([20d, 23d, 44d, 51d], c);
    }

    [Fact]
    public void An_empty_inner_dimension_gives_zeros_or_leaves_an_accumulated_C_unchanged()
    {
        var c = new float[] { 3, 3, 3 };
        Gemm.Multiply<float>([], [], c, 3, 1, 0, false, false, threads: 1, accumulate: true);
        Assert.Equal([3f, 3f, 3f], c);
        Gemm.Multiply<float>([], [], c, 3, 1, 0, false, false, threads: 1);
        Assert.Equal([0f, 0f, 0f], c);
    }

    [Fact]
    public void Operands_shorter_than_their_shape_are_an_argument_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(new float[5], new float[6], new float[4], 2, 2, 3, false, false, 1));
        Assert.Contains("[2,3]·[3,2]", e.Message, StringComparison.Ordinal);
    }
}
