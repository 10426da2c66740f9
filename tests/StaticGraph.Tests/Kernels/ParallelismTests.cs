using StaticGraph.Kernels;

namespace StaticGraph.Tests.Kernels;

/// <summary>How kernels choose their worker count: never above the session cap, the cores, or the items.</summary>
public class ParallelismTests
{
    [Fact]
    public void Small_jobs_get_one_worker_whatever_the_cap() =>
        Assert.Equal(1, Parallelism.Workers(Parallelism.MinWorkPerWorker - 1, threads: 64));

    [Fact]
    public void Large_jobs_get_no_more_workers_than_the_cap_the_cores_or_the_items()
    {
        Assert.Equal(1, Parallelism.Workers(long.MaxValue / 2, threads: 1));
        Assert.Equal(Environment.ProcessorCount, Parallelism.Workers(long.MaxValue / 2, threads: 1000));
        Assert.Equal(1, Parallelism.Workers(long.MaxValue / 2, threads: 1000, items: 1));
        Assert.Equal(1, Parallelism.Workers(long.MaxValue / 2, threads: 0));
    }

    [Fact]
    public void Ranges_cover_every_item_exactly_once()
    {
        var seen = new int[103];
        Parallelism.Ranges(seen.Length, 3, (_, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                Interlocked.Increment(ref seen[i]);
            }
        });
        Assert.All(seen, s => Assert.Equal(1, s));
    }

    [Fact]
    public void A_failing_range_reaches_the_caller_after_every_range_has_finished()
    {
        int workers = Math.Max(2, Environment.ProcessorCount);
        int finished = 0;
        var e = Assert.Throws<InvalidArgumentException>(() => Parallelism.Ranges(workers, workers, (w, _, _) =>
        {
            if (w == workers - 1)
            {
                throw new InvalidArgumentException($"range {w} failed");
            }

            Interlocked.Increment(ref finished);
        }));
        Assert.Contains("failed", e.Message, StringComparison.Ordinal);
        Assert.Equal(workers - 1, Volatile.Read(ref finished));

        // The pool is free again: the next job runs every range.
        var seen = new int[workers];
        Parallelism.Ranges(workers, workers, (w, _, _) => seen[w]++);
        Assert.All(seen, s => Assert.Equal(1, s));
    }

    [Fact]
    public void A_job_nested_in_a_range_runs_its_own_ranges_on_that_thread()
    {
        var inner = new int[8];
        Parallelism.Ranges(2, 2, (w, _, _) => Parallelism.Ranges(4, 2, (_, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                Interlocked.Increment(ref inner[(w * 4) + i]);
            }
        }));
        Assert.All(inner, s => Assert.Equal(1, s));
    }

    [Fact]
    public void Back_to_back_jobs_of_any_width_run_every_range_once_whether_workers_spin_or_park()
    {
        // Jobs follow each other at once (workers still spinning), after a pause (workers parked), with fewer workers
        // than the pool has (the others must sit the job out), and with ranges slow enough that the caller blocks.
        var seen = new int[64];
        for (int job = 0; job < 3000; job++)
        {
            int workers = 1 + (job % Math.Max(2, Environment.ProcessorCount));
            Array.Clear(seen);
            bool slow = job % 7 == 0; // ranges that outlast the caller's spin, so it blocks on the workers
            Parallelism.Ranges(seen.Length, workers, (_, start, end) =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (slow && clock.Elapsed.TotalMicroseconds < 100)
                {
                    Thread.SpinWait(10);
                }

                for (int i = start; i < end; i++)
                {
                    Interlocked.Increment(ref seen[i]);
                }
            });
            Assert.All(seen, s => Assert.Equal(1, s));
            if (job % 100 == 0)
            {
                Thread.Sleep(2); // longer than the workers spin
            }
        }
    }
}
