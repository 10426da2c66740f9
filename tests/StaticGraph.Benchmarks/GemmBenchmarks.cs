using BenchmarkDotNet.Attributes;
using StaticGraph.Kernels;

namespace StaticGraph.Benchmarks;

/// <summary>
/// The GEMM kernel alone on float32: square 1024³ and 256³ products, a dense layer's 64x784·784x256, and the font
/// CNN's im2col product (8 images of 36x36 positions, 5x5 taps, 4 filters), on one thread and on two. GFLOP/s =
/// 2·M·N·K / time; the FMA peak of the reference machine (AVX-512, two 512-bit FMA pipes) is about 226 GFLOP/s per
/// core.
/// </summary>
public class GemmBenchmarks
{
    private float[] _a = null!, _b = null!, _c = null!;

    /// <summary>The product's M,N,K.</summary>
    [Params("1024,1024,1024", "256,256,256", "64,256,784", "10368,4,25")]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    private (int M, int N, int K) Dims
    {
        get
        {
            var d = Shape.Split(',').Select(int.Parse).ToArray();
            return (d[0], d[1], d[2]);
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        var (m, n, k) = Dims;
        var rng = new Random(42);
        _a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble()).ToArray();
        _b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble()).ToArray();
        _c = new float[m * n];
    }

    [Benchmark]
    public void Sgemm()
    {
        var (m, n, k) = Dims;
        Gemm.Multiply<float>(_a, _b, _c, m, n, k, false, false, Threads);
    }
}
