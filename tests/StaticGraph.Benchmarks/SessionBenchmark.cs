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

    /// <summary>The session the case runs, opened by <see cref="Open"/> in the case's setup.</summary>
    protected Session Session { get; private set; } = null!;

    /// <summary>Opens the session on <paramref name="graph"/> with the thread cap and initializes its variables.</summary>
    protected void Open(Graph graph)
    {
        Session = tf.Session(graph, new ConfigProto { IntraOpParallelismThreads = Threads });
        using (graph.AsDefault())
        {
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
