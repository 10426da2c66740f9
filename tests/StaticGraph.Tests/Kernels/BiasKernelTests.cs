using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Kernels;

namespace StaticGraph.Tests.Kernels;

/// <summary>The last-axis bias kernels (whole vectors per row, rows split across cores) against the sums written out
/// per element.</summary>
public class BiasKernelTests
{
    private static bool Agrees(int rows, int c, int threads, int seed)
    {
        var r = new Random(seed);
        var x = Enumerable.Range(0, rows * c).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, c).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
        var y = new float[rows * c];
        Bias.Add(x, b, y, rows, c, threads);
        Assert.Equal(Enumerable.Range(0, rows * c).Select(i => x[i] + b[i % c]), y);

        var sums = new float[c];
        Array.Fill(sums, 7f); // the kernel must overwrite, not add to, what db held
        Bias.ColumnSums(x, sums, rows, c, threads);
        for (int ch = 0; ch < c; ch++)
        {
            double expected = Enumerable.Range(0, rows).Sum(i => (double)x[(i * c) + ch]);
            Assert.True(Math.Abs(sums[ch] - expected) <= 1e-4 * (1 + rows), $"column {ch}: {sums[ch]} vs {expected}");
        }

        return true;
    }

    [Fact]
    public void Bias_add_and_column_sums_match_the_element_rules_for_random_sizes() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true),
            Prop.ForAll(Arb.From(
                from rows in Gen.Choose(0, 40)
                from c in Gen.Elements(1, 7, 16, 17, 32, 33, 64, 255, 1023)
                from threads in Gen.Choose(1, 3)
                from seed in Gen.Choose(0, int.MaxValue)
                select (rows, c, threads, seed)), t => Agrees(t.rows, t.c, t.threads, t.seed)));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_tensor_large_enough_to_split_across_workers_matches_the_rules(int threads) =>
        Agrees(rows: 64 * 28 * 28, c: 32, threads, seed: 5); // the CNN's first layer
}
