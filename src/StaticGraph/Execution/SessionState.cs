using System.Collections.Concurrent;

namespace StaticGraph.Execution;

/// <summary>State a session keeps per stateful node (variable storage, random generators), shared by every plan
/// of the session and safe for concurrent runs.</summary>
internal sealed class SessionState
{
    private readonly ConcurrentDictionary<Operation, object> _resources = new();

    /// <summary>Threads one kernel may use: ConfigProto.IntraOpParallelismThreads when positive, never more than the
    /// machine's cores.</summary>
    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>The compiler passes this session's plans (and the function bodies they call) run.</summary>
    public Passes.PlanPasses Passes { get; set; } = Execution.Passes.PlanPasses.All;

    public T GetOrAdd<T>(Operation op, Func<T> create) where T : class =>
        (T)_resources.GetOrAdd(op, _ => create());

    public T? TryGet<T>(Operation op) where T : class => _resources.TryGetValue(op, out var r) ? r as T : null;
}

/// <summary>The storage of one variable in one session; <see cref="Value"/> is null until initialized.</summary>
internal sealed class VariableCell
{
    public NDArray? Value { get; set; }

    public object Lock { get; } = new();
}
