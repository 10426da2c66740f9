namespace StaticGraph.Tests.Execution;

/// <summary>ConfigProto.IntraOpParallelismThreads reaches the kernels as the session's thread cap.</summary>
public class IntraOpThreadsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, -1)] // 0 = one per core
    [InlineData(10_000, -1)] // never more than the cores
    public void The_session_caps_kernel_threads_at_the_config_and_the_cores(int configured, int expected)
    {
        using var sess = new Session(new Graph(), new ConfigProto { IntraOpParallelismThreads = configured });
        Assert.Equal(expected > 0 ? expected : Environment.ProcessorCount, sess.State.IntraOpThreads);
    }

    [Fact]
    public void A_large_matmul_gives_the_same_values_on_one_thread_as_on_all_cores()
    {
        var r = new Random(5);
        var a = NDArray.FromArray(Enumerable.Range(0, 200 * 300).Select(_ => (float)r.NextDouble()).ToArray(), 200, 300);
        var b = NDArray.FromArray(Enumerable.Range(0, 300 * 400).Select(_ => (float)r.NextDouble()).ToArray(), 300, 400);
        float[] Run(int threads)
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                var y = tf.matmul(tf.constant(a), tf.constant(b));
                using var sess = new Session(g, new ConfigProto { IntraOpParallelismThreads = threads });
                return sess.Run(y).ToArray<float>();
            }
        }

        Assert.Equal(Run(0), Run(1));
    }
}
