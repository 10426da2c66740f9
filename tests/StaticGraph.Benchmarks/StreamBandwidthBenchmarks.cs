using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Baseline: this machine's streaming bandwidth for the memory pattern of the fused elementwise case: three arrays of
/// 16M float32 read and one written (out = a + b + c), with Vector512 loads and ordinary stores, split evenly over
/// the threads. GB/s counts the bytes the program reads and writes (4 × 64 MiB per invocation); like the case it is
/// compared with, it does not count the cache's write-allocate reads.
/// </summary>
public class StreamBandwidthBenchmarks
{
    /// <summary>Elements per array (16M floats, 64 MiB: far beyond any cache).</summary>
    public const int Count = 1 << 24;

    /// <summary>Bytes read and written per invocation: three inputs and one output.</summary>
    public const double BytesPerOp = 4.0 * Count * sizeof(float);

    private float[] _a = null!, _b = null!, _c = null!, _out = null!;

    /// <summary>Threads the stream is split over.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Allocates and touches the arrays so page faults stay out of the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = RandomData.Uniform(Count, seed: 1);
        _b = RandomData.Uniform(Count, seed: 2);
        _c = RandomData.Uniform(Count, seed: 3);
        _out = new float[Count];
        _out.AsSpan().Fill(1f);
    }

    /// <summary>out = a + b + c over all elements; returns one element so the work stays observable.</summary>
    [Benchmark]
    public double Stream() => RawThreads.Sum(Threads, t =>
    {
        var (start, end) = RawThreads.Range(Count, Threads, t, Vector512<float>.Count * 4);
        Add3(_a, _b, _c, _out, start, end);
        return _out[start];
    });

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Add3(float[] a, float[] b, float[] c, float[] output, int start, int end)
    {
        ref float ra = ref MemoryMarshal.GetArrayDataReference(a);
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rc = ref MemoryMarshal.GetArrayDataReference(c);
        ref float ro = ref MemoryMarshal.GetArrayDataReference(output);
        int width = Vector512<float>.Count;
        int i = start;
        for (; i <= end - width; i += width)
        {
            var sum = Vector512.LoadUnsafe(ref ra, (nuint)i) + Vector512.LoadUnsafe(ref rb, (nuint)i) + Vector512.LoadUnsafe(ref rc, (nuint)i);
            sum.StoreUnsafe(ref ro, (nuint)i);
        }

        for (; i < end; i++)
        {
            output[i] = a[i] + b[i] + c[i];
        }
    }
}
