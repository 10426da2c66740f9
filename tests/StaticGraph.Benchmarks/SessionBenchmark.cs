using BenchmarkDotNet.Attributes;

namespace StaticGraph.Benchmarks;

/// <summary>
/// Base of the graph cases: the thread count as a BenchmarkDotNet parameter, a session over the case's graph that
/// caps each kernel at that many threads (TF's <c>intra_op_parallelism_threads</c>), and cleanup of that session.
/// </summary>
public abstract class SessionBenchmark : IDisposable
{
    /// <summary>Threads one kernel may use: the suite's 1- and 2-thread columns.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>The session the case runs, opened by <see cref="Build"/> in the case's setup.</summary>
    protected Session Session { get; private set; } = null!;

    /// <summary>The feeds every run of the case uses, returned by the case's graph builder.</summary>
    protected FeedDict Feed { get; private set; } = null!;

    /// <summary>Builds the case's graph in a fresh default graph with <paramref name="build"/> (which returns the
    /// feeds), opens the session on it with the thread cap, and initializes its variables.</summary>
    protected void Build(Func<FeedDict> build)
    {
        var graph = tf.Graph();
        using (graph.AsDefault())
        {
            Feed = build();
            Session = tf.Session(graph, new ConfigProto { IntraOpParallelismThreads = Threads });
            Session.Run(tf.global_variables_initializer());
        }
    }

    /// <summary>Releases the session.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        Session?.Dispose();
        GC.SuppressFinalize(this);
    }
}
