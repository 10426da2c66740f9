using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// One dense layer step, relu(x·W + b), for a batch of 128 rows of 784 features into 256 units: the compiled
/// Session against a baseline of the same arithmetic written directly over arrays in the same run, so the figure to
/// read is the ratio (the Session's overhead plus its kernels' speed).
/// </summary>
[MemoryDiagnoser]
public class DenseStepBenchmarks : IDisposable
{
    private const int Batch = 128, In = 784, Out = 256;
    private Session _session = null!;
    private Tensor _y = null!;
    private FeedDict _feed = null!;
    private float[] _x = null!, _w = null!, _b = null!, _out = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _x = Enumerable.Range(0, Batch * In).Select(_ => (float)rng.NextDouble()).ToArray();
        _w = Enumerable.Range(0, In * Out).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.1f).ToArray();
        _b = Enumerable.Range(0, Out).Select(_ => 0.01f).ToArray();
        _out = new float[Batch * Out];

        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, In], name: "x");
            var w = tf.constant(NDArray.FromArray(_w, In, Out));
            var b = tf.constant(_b);
            _y = tf.nn.relu(tf.matmul(x, w) + b);
            _feed = new FeedDict { [x] = NDArray.FromArray(_x, Batch, In) };
        }

        _session = new Session(g);
        _session.Run(_y, _feed);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _session?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The same relu(x·W + b) as plain loops with vectorized row updates: the baseline.</summary>
    [Benchmark(Baseline = true)]
    public float[] HandWritten()
    {
        for (int i = 0; i < Batch; i++)
        {
            var row = _out.AsSpan(i * Out, Out);
            _b.CopyTo(row);
            for (int k = 0; k < In; k++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(_w.AsSpan(k * Out, Out), _x[(i * In) + k], row, row);
            }

            System.Numerics.Tensors.TensorPrimitives.Max(row, 0f, row);
        }

        return _out;
    }

    /// <summary>The compiled plan: MatMul, Add, Relu.</summary>
    [Benchmark]
    public NDArray SessionRun() => _session.Run(_y, _feed);
}
