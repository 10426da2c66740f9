namespace StaticGraph.Kernels;

/// <summary>
/// How kernels split work across cores: never more workers than the session's intra-op cap or the machine's cores,
/// and one worker for small jobs. Work is cut into one contiguous range per worker (no work stealing, no nested
/// oversubscription: a worker's inner kernels run single-threaded).
/// </summary>
internal static class Parallelism
{
    // Below about four million multiply-adds per worker (some 50 us), handing work to another core costs more than it
    // saves: the LSTM's [32, 156] x [156, 512] products ran slower on two threads than on one.
    public const long MinWorkPerWorker = 1 << 22;

    // How long a worker (or the caller awaiting the workers) spins before it blocks. A training step issues its jobs
    // back to back, so a spinning worker takes the next one at once; waking a blocked thread costs tens of
    // microseconds on a virtual machine, as much as a small job's whole share.
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 20_000; // 50 us

    // The pool's one job at a time: the caller sets the job, then publishes a new ticket the workers watch: the job's
    // generation and worker count in one word, so a worker left out of a job never reads its other fields.
    private static readonly ManualResetEventSlim Done = new(false);
    private static readonly object PoolGate = new();
    private static SemaphoreSlim[]? _pool;
    private static int[] _parked = [];
    private static int _busy, _remaining;
    private static long _ticket; // generation << 16 | workers
    private static Action<int, int, int>? _body; // (count, workers, worker) of the running job
    private static int _count, _workers;
    private static Exception? _error;

    /// <summary>Jobs this thread has asked to split across more than one worker (tests check the intra-op cap
    /// with it: a session capped at one thread never asks).</summary>
    [ThreadStatic]
    internal static int SplitsOnThisThread;

    /// <summary>Workers worth using for <paramref name="work"/> multiply-adds over <paramref name="items"/>
    /// independent items under the cap <paramref name="threads"/>: in [1, min(threads, cores, items)].</summary>
    public static int Workers(long work, int threads, long items = long.MaxValue)
    {
        long cap = Math.Min(Math.Min(Math.Max(threads, 1), Environment.ProcessorCount), Math.Max(items, 1));
        return (int)Math.Clamp(work / MinWorkPerWorker, 1, cap);
    }

    /// <summary>Runs <paramref name="body"/>(worker, start, end) over [0, count) cut into <paramref name="workers"/>
    /// contiguous ranges: <see cref="Ranges{TJob}(int, int, in TJob)"/> for code off the hot path (the closure is an
    /// allocation per call; kernels pass a struct job instead).</summary>
    public static void Ranges(int count, int workers, Action<int, int, int> body) =>
        Ranges(count, workers, new DelegateJob(body));

    /// <summary>Runs <paramref name="job"/>.Run(worker, start, end) over [0, count) cut into
    /// <paramref name="workers"/> contiguous ranges, in parallel when there is more than one: the calling thread takes
    /// range 0 and parked pool threads the others. Nothing is allocated: the job is a struct the workers read from a
    /// static slot of its type. One job uses the pool at a time; a job that finds it busy (another session's kernel,
    /// or a kernel nested in a worker) runs its ranges itself.</summary>
    public static void Ranges<TJob>(int count, int workers, in TJob job) where TJob : struct, IRangeJob
    {
        workers = Math.Min(workers, Environment.ProcessorCount);
        SplitsOnThisThread += workers > 1 ? 1 : 0;
        if (workers <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int w = 0; w < Math.Max(workers, 1); w++)
            {
                RunRange(job, count, Math.Max(workers, 1), w);
            }

            return;
        }

        try
        {
            var pool = Pool();
            Slot<TJob>.Job = job;
            (_body, _count, _workers, _error, _remaining) = (Slot<TJob>.RunRange, count, workers, null, workers - 1);
            Done.Reset();
            Interlocked.Exchange(ref _ticket, (((_ticket >> 16) + 1) << 16) | (uint)workers); // publishes the job
            for (int w = 1; w < workers; w++)
            {
                if (Interlocked.Exchange(ref _parked[w - 1], 0) == 1)
                {
                    pool[w - 1].Release(); // a blocked worker needs waking
                }
            }

            try
            {
                RunRange(job, count, workers, 0);
            }
            finally
            {
                AwaitWorkers(); // the workers' ranges finish before their inputs and outputs can go away
            }

            if (_error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
            }
        }
        finally
        {
            _body = null;
            Slot<TJob>.Job = default; // drop the job's references to its arrays
            Volatile.Write(ref _busy, 0);
        }
    }

    // Spins, then blocks, until every worker has finished. The count decides, not the event: the last worker of the
    // previous job may set the event after this job has reset it (it decrements first, then sets), so a wake-up
    // only means "look again".
    private static void AwaitWorkers()
    {
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref _remaining) > 0)
        {
            if (System.Diagnostics.Stopwatch.GetTimestamp() > deadline)
            {
                Done.Wait();
                Done.Reset();
                continue;
            }

            Thread.SpinWait(16);
        }
    }

    private static void RunRange<TJob>(in TJob job, int count, int workers, int w) where TJob : struct, IRangeJob
    {
        int start = (int)((long)count * w / workers), end = (int)((long)count * (w + 1) / workers);
        if (end > start)
        {
            job.Run(w, start, end);
        }
    }

    /// <summary>The running job of type <typeparamref name="TJob"/>, and one cached delegate per job type that runs
    /// a worker's range of it.</summary>
    private static class Slot<TJob> where TJob : struct, IRangeJob
    {
        public static TJob Job;

        public static readonly Action<int, int, int> RunRange = static (count, workers, w) =>
            Parallelism.RunRange(Job, count, workers, w);
    }

    /// <summary>A closure as a job.</summary>
    private readonly struct DelegateJob(Action<int, int, int> body) : IRangeJob
    {
        public void Run(int worker, int start, int end) => body(worker, start, end);
    }

    /// <summary>One parked background thread per core but the caller's, started on first use and kept.</summary>
    private static SemaphoreSlim[] Pool()
    {
        lock (PoolGate)
        {
            if (_pool is null)
            {
                var pool = new SemaphoreSlim[Environment.ProcessorCount - 1];
                _parked = new int[pool.Length];
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
        long seen = 0;
        while (true)
        {
            seen = NextJob(go, worker, seen);
            if (worker >= (int)(seen & 0xFFFF))
            {
                continue; // a job for fewer workers
            }

            try
            {
                _body!(_count, _workers, worker);
            }
            catch (Exception e)
            {
                // Not swallowed: the calling thread rethrows it once every range has finished.
                Interlocked.CompareExchange(ref _error, e, null);
            }
            finally
            {
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    Done.Set();
                }
            }
        }
    }

    /// <summary>Waits for a ticket other than <paramref name="seen"/>: spinning for a while, then parked on the
    /// worker's semaphore after announcing it in <c>_parked</c> (the caller releases only announced workers; both
    /// sides exchange the flag, so exactly one of them clears it and a release is never lost or left over).</summary>
    private static long NextJob(SemaphoreSlim go, int worker, long seen)
    {
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
        long ticket;
        while ((ticket = Volatile.Read(ref _ticket)) == seen)
        {
            if (System.Diagnostics.Stopwatch.GetTimestamp() <= deadline)
            {
                Thread.SpinWait(16);
                continue;
            }

            Interlocked.Exchange(ref _parked[worker - 1], 1);
            if (Volatile.Read(ref _ticket) == seen || Interlocked.Exchange(ref _parked[worker - 1], 0) == 0)
            {
                go.Wait(); // parked (or the caller already released this worker: take that release)
            }

            deadline = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
        }

        return ticket;
    }
}

/// <summary>A kernel's parallel loop body over contiguous ranges of items, as a struct so handing it to
/// <see cref="Parallelism.Ranges{TJob}(int, int, in TJob)"/> allocates nothing. Run may be called from several threads
/// at once, on the same instance: it must not mutate the job.</summary>
internal interface IRangeJob
{
    /// <summary>Processes items [start, end) as worker <paramref name="worker"/>.</summary>
    void Run(int worker, int start, int end);
}
