using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Baseline: this machine's float32 multiply-add peak, measured rather than taken from a data sheet. Sixteen
/// independent Vector512 FMA chains (more than FMA latency × FMA ports on current x86 cores, so no chain waits on
/// its own previous result) run from registers with no memory traffic; the fixed total work is split evenly over
/// the threads. GFLOP/s = 2 × 16 lanes × 16 chains × iterations / time.
/// </summary>
public class FmaPeakBenchmarks
{
    /// <summary>Iterations of the 16-chain body across all threads.</summary>
    public const int Iterations = 2_000_000;

    /// <summary>Floating-point operations per benchmark invocation (one FMA counts two).</summary>
    public const double FlopsPerOp = 2.0 * 16 * 16 * Iterations;

    /// <summary>Threads the chains run on.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>All chains on all threads; returns their sum so none is optimized away.</summary>
    [Benchmark]
    public double FmaPeak() => RawThreads.Sum(Threads, t => Chains(Iterations / Threads));

    // acc = acc * x + y converges towards y / (1 - x) = 1, so values stay normal (no denormal slow path) however long
    // it runs. The sixteen accumulators are locals the JIT keeps in zmm registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Chains(int iterations)
    {
        var x = Vector512.Create(0.999f);
        var y = Vector512.Create(0.001f);
        Vector512<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x;
        Vector512<float> a8 = x, a9 = x, a10 = x, a11 = x, a12 = x, a13 = x, a14 = x, a15 = x;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y);
            a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y);
            a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y);
            a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y);
            a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y);
            a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y);
            a11 = Vector512.FusedMultiplyAdd(a11, x, y);
            a12 = Vector512.FusedMultiplyAdd(a12, x, y);
            a13 = Vector512.FusedMultiplyAdd(a13, x, y);
            a14 = Vector512.FusedMultiplyAdd(a14, x, y);
            a15 = Vector512.FusedMultiplyAdd(a15, x, y);
        }

        var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
        return Vector512.Sum(sum);
    }
}
