using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Case e: relu(a·b + c) over three fed 16M-float32 tensors, fetched through the session (so the figure includes
/// whatever the session does to hand the result back). GB/s counts three inputs read and one output written
/// (4 × 64 MiB per run), the same count as the streaming-bandwidth baseline it is compared with.
/// </summary>
public class FusedElementwiseBenchmarks : SessionBenchmark
{
    /// <summary>Bytes read and written per run.</summary>
    public const double BytesPerOp = StreamBandwidthBenchmarks.BytesPerOp;

    private Tensor _y = null!;

    /// <summary>Builds relu(a·b + c) over placeholders and runs it once so the plan is compiled.</summary>
    [GlobalSetup]
    public void Setup()
    {
        const int n = StreamBandwidthBenchmarks.Count;
        Build(() =>
        {
            var a = tf.placeholder(tf.float32, [n], name: "a");
            var b = tf.placeholder(tf.float32, [n], name: "b");
            var c = tf.placeholder(tf.float32, [n], name: "c");
            _y = tf.nn.relu((a * b) + c);
            return new FeedDict
            {
                [a] = NDArray.FromArray(RandomData.Uniform(n, seed: 1), n),
                [b] = NDArray.FromArray(RandomData.Uniform(n, seed: 2), n),
                [c] = NDArray.FromArray(RandomData.Uniform(n, seed: 3), n),
            };
        });
        Session.Run(_y, Feed);
    }

    /// <summary>One run of the compiled plan, fetching the result.</summary>
    [Benchmark]
    public NDArray FusedReluFma() => Session.Run(_y, Feed);
}
