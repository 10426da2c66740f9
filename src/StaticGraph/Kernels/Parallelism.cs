namespace StaticGraph.Kernels;

/// <summary>
/// How kernels split work across cores: never more workers than the session's intra-op cap or the machine's cores,
/// and one worker for small jobs. Work is cut into one contiguous range per worker (no work stealing, no nested
/// oversubscription: a worker's inner kernels run single-threaded).
/// </summary>
internal static class Parallelism
{
    // Below about a million multiply-adds per worker, handing work to another core costs more than it saves.
    public const long MinWorkPerWorker = 1 << 20;

    /// <summary>Workers worth using for <paramref name="work"/> multiply-adds over <paramref name="items"/>
    /// independent items under the cap <paramref name="threads"/>: in [1, min(threads, cores, items)].</summary>
    public static int Workers(long work, int threads, long items = long.MaxValue)
    {
        long cap = Math.Min(Math.Min(Math.Max(threads, 1), Environment.ProcessorCount), Math.Max(items, 1));
        return (int)Math.Clamp(work / MinWorkPerWorker, 1, cap);
    }

    /// <summary>Runs <paramref name="body"/>(worker, start, end) over [0, count) cut into <paramref name="workers"/>
    /// contiguous ranges, in parallel when there is more than one.</summary>
    public static void Ranges(int count, int workers, Action<int, int, int> body)
    {
        if (workers <= 1)
        {
            body(0, 0, count);
            return;
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = (int)((long)count * w / workers), end = (int)((long)count * (w + 1) / workers);
            if (end > start)
            {
                body(w, start, end);
            }
        });
    }
}
