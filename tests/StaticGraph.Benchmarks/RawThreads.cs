namespace StaticGraph.Benchmarks;

/// <summary>Splits a raw kernel's fixed amount of work over a given number of threads, for the cases that call
/// kernels directly (the baselines and sgemm) rather than through a session.</summary>
internal static class RawThreads
{
    /// <summary>Runs <paramref name="part"/>(t) for t in [0, threads) on <paramref name="threads"/> threads at once
    /// (inline when one) and returns the sum of their results, so no part's work can be optimized away.</summary>
    public static double Sum(int threads, Func<int, double> part)
    {
        if (threads == 1)
        {
            return part(0);
        }

        var results = new double[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => results[t] = part(t));
        return results.Sum();
    }

    /// <summary>The range [start, end) of part <paramref name="t"/> of <paramref name="count"/> items split
    /// <paramref name="threads"/> ways, rounded to <paramref name="align"/> items.</summary>
    public static (int Start, int End) Range(int count, int threads, int t, int align)
    {
        int Bound(int i) => i == threads ? count : (int)((long)count * i / threads) / align * align;
        return (Bound(t), Bound(t + 1));
    }
}
