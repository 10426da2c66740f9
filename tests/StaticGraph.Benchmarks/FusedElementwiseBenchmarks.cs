using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Case e: relu(a·b + c) over three fed 16M-float32 tensors, fetched through the session (so the figure includes
/// whatever the session does to hand the result back). GB/s counts three inputs read and one output written
/// (4 × 64 MiB per run), the same count as the streaming-bandwidth baseline it is compared with. The case disposes
/// each result when done with it, as a .NET caller does with a large buffer, which gives the session its buffer
/// back; <see cref="FusedReluFmaKept"/> shows the cost when results are left to the garbage collector.
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

    /// <summary>One run of the compiled plan, fetching the result and disposing it after use.</summary>
    [Benchmark]
    public float FusedReluFma()
    {
        using var result = Session.Run(_y, Feed);
        return result.AsSpan<float>()[0];
    }

    /// <summary>One run of the compiled plan, fetching the result and keeping it (never disposed): every run
    /// writes into a fresh 64 MiB array.</summary>
    [Benchmark]
    public NDArray FusedReluFmaKept() => Session.Run(_y, Feed);
}
