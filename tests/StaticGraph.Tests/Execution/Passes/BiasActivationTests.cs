using StaticGraph.Execution;
using StaticGraph.Execution.Passes;

namespace StaticGraph.Tests.Execution.Passes;

/// <summary><see cref="BiasActivation"/>: relu(bias_add(x, b)) runs as one step, bit for bit what the two ops give,
/// and a pre-activation something else reads stays its own step.</summary>
public class BiasActivationTests
{
    // Values that test the IEEE maximum: NaN, infinities, signed zeros (x + b = -0 where x = -0 and b = -0).
    private static NDArray Awkward<T>(int rows, int c, int seed) where T : unmanaged
    {
        var r = new Random(seed);
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0];
        var values = Enumerable.Range(0, rows * c).Select(i => r.Next(6) == 0 ? specials[r.Next(specials.Length)] : r.NextDouble() - 0.5);
        return typeof(T) == typeof(float)
            ? NDArray.FromArray(values.Select(v => (float)v).ToArray(), rows, c)
            : NDArray.FromArray(values.ToArray(), rows, c);
    }

    private static long[] Bits(NDArray a) => a.DType == DType.Float32
        ? a.ToArray<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray()
        : a.ToArray<double>().Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Theory]
    [InlineData(1, false, 2)]
    [InlineData(17, false, 1)]
    [InlineData(32, true, 2)]
    [InlineData(33, true, 1)]
    public void Relu_of_a_bias_add_is_one_step_with_the_two_ops_bits(int c, bool doubles, int threads)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var dtype = doubles ? tf.float64 : tf.float32;
            var (x, b) = (tf.placeholder(dtype, [-1, c]), tf.placeholder(dtype, [c]));
            var y = tf.nn.relu(tf.nn.bias_add(x, b));
            var feed = new FeedDict
            {
                [x] = doubles ? Awkward<double>(300, c, 1) : Awkward<float>(300, c, 1),
                [b] = doubles ? Awkward<double>(1, c, 2).Reshape(c) : Awkward<float>(1, c, 2).Reshape(c),
            };
            long[] Run(PlanPasses passes)
            {
                using var sess = new Session(g, new ConfigProto { IntraOpParallelismThreads = threads });
                sess.State.Passes = passes;
                var plan = Compiler.Compile(g, [y], [], [x, b], sess.State);
                Assert.Equal(passes.HasFlag(PlanPasses.FoldBiasActivation), !plan.Steps.Any(s => s.Op.Type == "BiasAdd"));
                return Bits(sess.Run(y, feed));
            }

            Assert.Equal(Run(PlanPasses.None), Run(PlanPasses.All));
        }
    }

    [Fact]
    public void A_fetched_pre_activation_keeps_its_step_and_an_NCHW_bias_folds_too()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(NDArray.FromArray(Enumerable.Range(0, 24).Select(i => i - 12f).ToArray(), 2, 3, 2, 2));
            var b = tf.constant(new[] { 1f, -2f, 0.5f });
            var pre = tf.nn.bias_add(x, b, data_format: "NCHW");
            var post = tf.nn.relu(pre);
            var (other, otherPost) = (tf.nn.bias_add(x, b, data_format: "NCHW"), tf.nn.relu(tf.nn.bias_add(x * 2f, b, data_format: "NCHW")));
            using var sess = new Session(g);
            sess.State.Passes = PlanPasses.All & ~PlanPasses.FoldConstants;
            var expected = Enumerable.Range(0, 24).Select(i => Math.Max(i - 12f + new[] { 1f, -2f, 0.5f }[i / 4 % 3], 0f)).ToArray();
            Assert.Equal(expected, sess.Run(post).ToArray<float>());
            var both = sess.Run([pre, post]);
            Assert.Equal(expected, both[1].ToArray<float>());
            Assert.Contains(Compiler.Compile(g, [pre, post], [], [], sess.State).Steps, s => s.Op.Type == "BiasAdd");
            Assert.DoesNotContain(Compiler.Compile(g, [otherPost], [], [], sess.State).Steps, s => s.Op.Type == "BiasAdd");
            Assert.Equal(
                Enumerable.Range(0, 24).Select(i => Math.Max((2 * (i - 12f)) + new[] { 1f, -2f, 0.5f }[i / 4 % 3], 0f)),
                sess.Run(otherPost).ToArray<float>());
            Assert.Equal(24, sess.Run(other).Size);
        }
    }
}
