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
}
