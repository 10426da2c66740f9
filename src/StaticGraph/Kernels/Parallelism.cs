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

    // The pool's one job at a time: set by the caller before it releases the workers, read by them.
    private static readonly CountdownEvent Done = new(0);
    private static readonly object PoolGate = new();
    private static SemaphoreSlim[]? _pool;
    private static int _busy;
    private static Action<int, int, int>? _body;
    private static int _count, _workers;
    private static Exception? _error;

    /// <summary>Workers worth using for <paramref name="work"/> multiply-adds over <paramref name="items"/>
    /// independent items under the cap <paramref name="threads"/>: in [1, min(threads, cores, items)].</summary>
    public static int Workers(long work, int threads, long items = long.MaxValue)
    {
        long cap = Math.Min(Math.Min(Math.Max(threads, 1), Environment.ProcessorCount), Math.Max(items, 1));
        return (int)Math.Clamp(work / MinWorkPerWorker, 1, cap);
    }

    /// <summary>Runs <paramref name="body"/>(worker, start, end) over [0, count) cut into <paramref name="workers"/>
    /// contiguous ranges, in parallel when there is more than one: the calling thread takes range 0 and parked pool
    /// threads the others (no allocation per call beyond the caller's closure). One job uses the pool at a time; a
    /// job that finds it busy (another session's kernel, or a kernel nested in a worker) runs its ranges itself.</summary>
    public static void Ranges(int count, int workers, Action<int, int, int> body)
    {
        workers = Math.Min(workers, Environment.ProcessorCount);
        if (workers <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int w = 0; w < Math.Max(workers, 1); w++)
            {
                RunRange(body, count, Math.Max(workers, 1), w);
            }

            return;
        }

        try
        {
            var pool = Pool();
            (_body, _count, _workers, _error) = (body, count, workers, null);
            Done.Reset(workers - 1);
            for (int w = 1; w < workers; w++)
            {
                pool[w - 1].Release();
            }

            try
            {
                RunRange(body, count, workers, 0);
            }
            finally
            {
                Done.Wait(); // the workers' ranges finish before their inputs and outputs can go away
            }

            if (_error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
            }
        }
        finally
        {
            _body = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void RunRange(Action<int, int, int> body, int count, int workers, int w)
    {
        int start = (int)((long)count * w / workers), end = (int)((long)count * (w + 1) / workers);
        if (end > start)
        {
            body(w, start, end);
        }
    }

    /// <summary>One parked background thread per core but the caller's, started on first use and kept.</summary>
    private static SemaphoreSlim[] Pool()
    {
        lock (PoolGate)
        {
            if (_pool is null)
            {
                var pool = new SemaphoreSlim[Environment.ProcessorCount - 1];
                for (int i = 0; i < pool.Length; i++)
                {
                    var go = pool[i] = new SemaphoreSlim(0);
                    int worker = i + 1;
                    new Thread(() => Work(go, worker)) { IsBackground = true, Name = $"StaticGraph worker {worker}" }.Start();
                }

                _pool = pool;
            }

            return _pool;
        }
    }

    private static void Work(SemaphoreSlim go, int worker)
    {
        while (true)
        {
            go.Wait();
            try
            {
                RunRange(_body!, _count, _workers, worker);
            }
            catch (Exception e)
            {
                // Not swallowed: the calling thread rethrows it once every range has finished.
                Interlocked.CompareExchange(ref _error, e, null);
            }
            finally
            {
                Done.Signal();
            }
        }
    }
}
