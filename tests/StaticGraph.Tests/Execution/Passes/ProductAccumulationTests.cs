using StaticGraph.Execution.Passes;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Execution.Passes;

/// <summary>The product-accumulation pass (<see cref="ProductAccumulation"/>): an AddN of a value and a MatMul
/// product becomes one accumulating step, with the plain plan's values.</summary>
public class ProductAccumulationTests
{
    private static float[] Values(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)((r.NextDouble() * 2) - 1)).ToArray();
    }

    private static (float[] Sum, int Steps) Run(PlanPasses passes, bool ta, bool tb, bool computedAddend)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            const int M = 5, K = 7, N = 33;
            var a = tf.placeholder(tf.float32, ta ? [K, M] : [M, K]);
            var b = tf.placeholder(tf.float32, tb ? [N, K] : [K, N]);
            var c = tf.placeholder(tf.float32, [M, N]);
            var addend = computedAddend ? tf.tanh(c) : c;
            var sum = AutodiffOps.AddN([tf.matmul(a, b, transpose_a: ta, transpose_b: tb), addend], null);
            var feed = new FeedDict
            {
                [a] = NDArray.FromArray(Values(M * K, 1), ta ? [K, M] : [M, K]),
                [b] = NDArray.FromArray(Values(K * N, 2), tb ? [N, K] : [K, N]),
                [c] = NDArray.FromArray(Values(M * N, 3), M, N),
            };
            using var sess = new Session(g);
            sess.State.Passes = passes;
            sess.Run(sum, feed);
            var plan = StaticGraph.Execution.Compiler.Compile(g, [sum], [], [a, b, c], sess.State);
            return (sess.Run(sum, feed).ToArray<float>(), plan.Steps.Length);
        }
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    public void An_AddN_of_a_product_becomes_one_step_with_the_plain_plans_sum(bool ta, bool tb, bool computedAddend)
    {
        var (plain, plainSteps) = Run(PlanPasses.None, ta, tb, computedAddend);
        var (merged, mergedSteps) = Run(PlanPasses.All, ta, tb, computedAddend);
        Assert.Equal(plainSteps - 1, mergedSteps);
        Assert.Equal(plain.Length, merged.Length);
        for (int i = 0; i < plain.Length; i++)
        {
            Assert.Equal(plain[i], merged[i], 4);
        }
    }
}
