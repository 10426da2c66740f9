using System.Collections.Concurrent;
using StaticGraph.Execution;

namespace StaticGraph;

/// <summary>
/// Runs a graph: <c>sess.Run(fetches, feed)</c>. Each distinct (fetches, feed keys, targets) signature is compiled
/// once into a cached plan; later runs only execute its bound kernels. Variables live in the session. Concurrent
/// <c>Run</c> calls from many threads are safe, as in TF1.
/// </summary>
public sealed partial class Session : IDisposable
{
    private static readonly AsyncLocal<Session?> ScopedDefault = new();
    private static Session? _interactive;

    private readonly ConcurrentDictionary<PlanKey, Lazy<Plan>> _plans = new(PlanKeyComparer.Instance);
    private int _plansBuilt;
    private volatile bool _disposed;

    /// <summary>A session on the default graph.</summary>
    public Session() : this(null, null) { }

    /// <summary>A session on <paramref name="graph"/>.</summary>
    public Session(Graph graph) : this(graph, null) { }

    /// <summary>A session on the default graph with options.</summary>
    public Session(ConfigProto config) : this(null, config) { }

    /// <summary>A session on <paramref name="graph"/> (the default graph when null) with options.</summary>
    public Session(Graph? graph, ConfigProto? config)
    {
        Graph = graph ?? Graph.Default;
        Config = config ?? new ConfigProto();
        int cap = Config.IntraOpParallelismThreads;
        State = new SessionState { IntraOpThreads = cap > 0 ? Math.Min(cap, Environment.ProcessorCount) : Environment.ProcessorCount };
    }

    /// <summary>The graph this session runs.</summary>
    public Graph Graph { get; }

    /// <summary>The options given at creation.</summary>
    public ConfigProto Config { get; }

    internal SessionState State { get; }

    /// <summary>How many plans this session has compiled (a repeated signature reuses its plan).</summary>
    internal int PlansBuilt => Volatile.Read(ref _plansBuilt);

    /// <summary>The default session: the innermost <see cref="AsDefault"/> scope, else the open
    /// <c>tf.InteractiveSession()</c>; null when there is none.</summary>
    public static Session? Default => ScopedDefault.Value ?? Volatile.Read(ref _interactive);

    internal static Session RequireDefault(string caller) => Default ?? throw new InvalidOperationException(
        $"Cannot call {caller}() without a session: pass one, use 'using (sess.AsDefault())', or create tf.InteractiveSession().");

    /// <summary>Makes this session the default (for <c>Tensor.Eval</c> and <c>Operation.Run</c>) until the returned
    /// scope is disposed.</summary>
    public IDisposable AsDefault()
    {
        var previous = ScopedDefault.Value;
        ScopedDefault.Value = this;
        return new DefaultScope(() => ScopedDefault.Value = previous);
    }

    /// <summary>Installs this session as the process-wide default until it is disposed
    /// (<c>tf.InteractiveSession()</c>).</summary>
    internal Session MakeInteractive()
    {
        Volatile.Write(ref _interactive, this);
        return this;
    }

    /// <summary>Closes the session: its variables are released and later runs throw.</summary>
    public void Dispose()
    {
        _disposed = true;
        Interlocked.CompareExchange(ref _interactive, null, this);
        _plans.Clear();
    }

    /// <summary>The core of every <c>Run</c> overload: fetch values for <paramref name="fetches"/> (null entries
    /// are operation targets and yield null) after running <paramref name="targets"/>.</summary>
    internal NDArray?[] RunCore(ReadOnlySpan<Tensor?> fetches, ReadOnlySpan<Operation> targets, FeedDict? feed)
    {
        var results = new NDArray?[fetches.Length];
        RunCore(fetches, targets, feed, results);
        return results;
    }

    /// <summary>Runs into <paramref name="results"/> (one slot per fetch). A steady-state run allocates only the
    /// fetched values' copies: the plan is found without building a key, feeds resolve once per <see cref="FeedDict"/>,
    /// and the frame with its buffers is reused.</summary>
    internal void RunCore(ReadOnlySpan<Tensor?> fetches, ReadOnlySpan<Operation> targets, FeedDict? feed, Span<NDArray?> results)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var resolved = feed?.Resolve(Graph);
        foreach (var t in fetches)
        {
            if (t is not null && t.Graph != Graph)
            {
                throw new InvalidArgumentException($"Fetch argument '{t.Name}' cannot be interpreted as a Tensor of this session's graph.");
            }
        }

        var plan = GetPlan(fetches, targets, resolved?.Distinct ?? []);
        var frame = plan.RentFrame();
        try
        {
            for (int i = 0; i < (resolved?.Keys.Length ?? 0); i++)
            {
                var key = resolved!.Keys[i];
                frame.Values[plan.FeedValues[key]] = ConvertFeed(key, feed!.ValueAt(i));
            }

            Execute(plan, frame);
            for (int i = 0; i < fetches.Length; i++)
            {
                int v = plan.FetchValues[i];
                if (v >= 0)
                {
                    var value = frame.Values[v] ?? throw new FailedPreconditionException(
                        $"Attempting to use uninitialized value {plan.Producers[v].Name}");
                    results[i] = ReferenceEquals(value, Dead)
                        ? throw new InvalidArgumentException($"Retval[{i}] does not have value: '{fetches[i]!.Name}' is on the untaken side of a Switch.")
                        : frame.Fetch(v, plan.Slots[v]);
                }
            }
        }
        finally
        {
            frame.EndRun();
            plan.ReturnFrame(frame);
        }
    }

    /// <summary>The value of a dead tensor (the untaken output of a legacy <c>Switch</c>).</summary>
    internal static NDArray Dead { get; } = NDArray.Scalar(false);

    internal static void Execute(Plan plan, Frame frame)
    {
        var ctx = frame.Context;
        foreach (var step in plan.Steps)
        {
            ctx.Step = step;
            if (plan.HasDeadness && IsDeadStep(step, frame))
            {
                foreach (int v in step.Outputs)
                {
                    frame.Values[v] = Dead;
                }

                continue;
            }

            RunStep(step, ctx);
        }
    }

    /// <summary>Runs one step's kernel in <paramref name="ctx"/> (whose Step is <paramref name="step"/>); an error
    /// names the step's node.</summary>
    internal static void RunStep(Step step, KernelContext ctx)
    {
        try
        {
            step.Kernel(ctx);
        }
        catch (InvalidArgumentException e)
        {
            throw new InvalidArgumentException(WithNode(e, step), e);
        }
        catch (FailedPreconditionException e)
        {
            throw new FailedPreconditionException(WithNode(e, step), e);
        }
    }

    /// <summary>A step other than Merge with a dead input is skipped and its outputs are dead.</summary>
    private static bool IsDeadStep(Step step, Frame frame)
    {
        if (step.Op.Type == "Merge")
        {
            return false;
        }

        foreach (int v in step.Inputs)
        {
            if (ReferenceEquals(frame.Values[v], Dead))
            {
                return true;
            }
        }

        return false;
    }

    private static string WithNode(Exception e, Step step) =>
        e.Message.Contains("[[node ", StringComparison.Ordinal) ? e.Message : $"{e.Message}\n\t [[node {step.Op.Name} ({step.Op.Type})]]";

    private Plan GetPlan(ReadOnlySpan<Tensor?> fetches, ReadOnlySpan<Operation> targets, ReadOnlySpan<Tensor> feedKeys)
    {
        var probe = new PlanProbe(fetches, targets, feedKeys);
        return _plans.GetAlternateLookup<PlanProbe>().TryGetValue(probe, out var cached) && cached.IsValueCreated
            ? cached.Value
            : CompilePlan(PlanKeyComparer.Instance.Create(probe));
    }

    private Plan CompilePlan(PlanKey key)
    {
        var lazy = _plans.GetOrAdd(key, k => new Lazy<Plan>(() =>
        {
            Interlocked.Increment(ref _plansBuilt);
            return Compiler.Compile(Graph, k.Fetches, k.Targets, k.Feeds, State);
        }));
        try
        {
            return lazy.Value;
        }
        catch (Exception)
        {
            // A signature that failed to compile (e.g. a missing feed) must not poison later runs.
            _plans.TryRemove(new KeyValuePair<PlanKey, Lazy<Plan>>(key, lazy));
            throw;
        }
    }

    /// <summary>Checks a fed value against the tensor's static shape and converts its dtype as a TF1 feed does
    /// (numpy's <c>asarray(value, dtype)</c>: any number or bool converts, floats truncate toward zero into integers);
    /// byte strings only feed string tensors.</summary>
    private static NDArray ConvertFeed(Tensor key, NDArray value)
    {
        if (!key.Shape.IsCompatibleWith(value.Shape))
        {
            throw new InvalidArgumentException(
                $"Cannot feed value of shape {value.Shape} for Tensor '{key.Name}', which has shape '{key.Shape}'.");
        }

        if (value.DType == key.DType)
        {
            return value;
        }

        if (key.DType == DType.String || value.DType == DType.String)
        {
            throw new InvalidArgumentException(
                $"Cannot feed a value of dtype {value.DType} for Tensor '{key.Name}', which has dtype {key.DType}.");
        }

        return value.AsType(key.DType);
    }

    private sealed class DefaultScope(Action exit) : IDisposable
    {
        private Action? _exit = exit;

        public void Dispose()
        {
            _exit?.Invoke();
            _exit = null;
        }
    }
}
