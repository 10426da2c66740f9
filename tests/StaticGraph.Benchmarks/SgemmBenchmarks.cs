using BenchmarkDotNet.Attributes;
using StaticGraph.Kernels;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Case a: the float32 GEMM kernel C[m,n] = A[m,k] · B[k,n] called directly (no session), at the three
/// shapes, capped at <see cref="Threads"/> threads. GFLOP/s = 2·m·n·k / time; compared with the measured FMA peak.
/// </summary>
public class SgemmBenchmarks
{
    private Operands _large = null!, _square256 = null!, _mlpLayer = null!;

    /// <summary>Threads the kernel may use.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Floating-point operations of one m×k by k×n product.</summary>
    public static double Flops(int m, int k, int n) => 2.0 * m * k * n;

    /// <summary>Allocates the operands of the three shapes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _large = new Operands(1024, 1024, 1024);
        _square256 = new Operands(256, 256, 256);
        _mlpLayer = new Operands(64, 784, 256);
    }

    /// <summary>1024 × 1024 · 1024 × 1024.</summary>
    [Benchmark]
    public float Sgemm1024() => _large.Multiply(Threads);

    /// <summary>256 × 256 · 256 × 256.</summary>
    [Benchmark]
    public float Sgemm256() => _square256.Multiply(Threads);

    /// <summary>64 × 784 · 784 × 256 (an MLP's first layer on a small batch).</summary>
    [Benchmark]
    public float Sgemm64x784x256() => _mlpLayer.Multiply(Threads);

    private sealed class Operands(int m, int k, int n)
    {
        private readonly float[] _a = RandomData.Uniform(m * k, seed: 1), _b = RandomData.Uniform(k * n, seed: 2), _c = new float[m * n];

        public float Multiply(int threads)
        {
            Gemm.Multiply<float>(_a, _b, _c, m, n, k, transposeA: false, transposeB: false, threads: threads);
            return _c[0];
        }
    }
}
