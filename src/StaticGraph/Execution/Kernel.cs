namespace StaticGraph.Execution;

/// <summary>One bound step of a plan: reads its inputs from the context and writes its outputs into planned
/// buffers. Dtype dispatch, attrs and resources were resolved when the kernel was bound.</summary>
internal delegate void Kernel(KernelContext ctx);

/// <summary>What a <see cref="Ops.KernelFactory"/> sees when it binds a node's kernel: the node and the session's
/// per-node resources (variable storage, random generator state).</summary>
internal sealed class KernelBuild(Operation op, SessionState state)
{
    public Operation Op { get; } = op;

    public SessionState State { get; } = state;

    /// <summary>Threads the kernel may split one op across (the session's intra-op cap).</summary>
    public int Threads => State.IntraOpThreads;

    /// <summary>Input <paramref name="i"/>'s dtype.</summary>
    public DType InputDType(int i) => Op.Inputs[i].DType;

    /// <summary>Output <paramref name="i"/>'s dtype.</summary>
    public DType OutputDType(int i) => Op.Outputs[i].DType;

    public T Attr<T>(string name) => Op.Attrs.Get<T>(name);

    public T Attr<T>(string name, T fallback) => Op.Attrs.Get(name, fallback);

    /// <summary>The per-session resource of this node, created on first use.</summary>
    public T Resource<T>(Func<T> create) where T : class => State.GetOrAdd(Op, create);

    /// <summary>A clear error for a dtype the kernel does not implement.</summary>
    public GraphException Unsupported(DType dtype) =>
        new($"{Op.Type} node '{Op.Name}' has no kernel for dtype {dtype}.");
}
