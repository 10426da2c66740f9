namespace StaticGraph;

/// <summary>
/// A node of a <see cref="Graph"/>: an op type (TensorFlow's name, e.g. <c>MatMul</c>), its input tensors,
/// control inputs, attributes and output tensors.
/// </summary>
public sealed class Operation : IFetchable
{
    private readonly Tensor[] _inputs;
    private readonly Operation[] _controlInputs;
    private readonly List<Operation>[] _consumers;

    internal Operation(Graph graph, int id, string name, Ops.OpDef def, Tensor[] inputs, Operation[] controlInputs,
        AttrMap attrs, Ops.TensorSpec[] outputs)
    {
        Graph = graph;
        Id = id;
        Name = name;
        Def = def;
        _inputs = inputs;
        _controlInputs = controlInputs;
        Attrs = attrs;
        Outputs = outputs.Select((o, i) => new Tensor(this, i, o.DType, o.Shape)).ToArray();
        _consumers = outputs.Select(_ => new List<Operation>()).ToArray();
    }

    /// <summary>The graph this operation belongs to.</summary>
    public Graph Graph { get; }

    /// <summary>Position in the graph's append-only operation list (a topological order).</summary>
    internal int Id { get; }

    /// <summary>The unique name, including name scopes (<c>layer1/MatMul</c>).</summary>
    public string Name { get; }

    /// <summary>TensorFlow's op type name (<c>MatMul</c>, <c>VariableV2</c>).</summary>
    public string Type => Def.Name;

    /// <summary>The op definition: inference, kernel and gradient.</summary>
    internal Ops.OpDef Def { get; }

    /// <summary>The data inputs.</summary>
    public IReadOnlyList<Tensor> Inputs => _inputs;

    /// <summary>Operations that must run before this one (TF <c>^name</c> inputs).</summary>
    public IReadOnlyList<Operation> ControlInputs => _controlInputs;

    /// <summary>The attributes by TF attr name.</summary>
    public AttrMap Attrs { get; }

    /// <summary>The outputs.</summary>
    public IReadOnlyList<Tensor> Outputs { get; }

    /// <summary>The device string (kept for GraphDef round trips; StaticGraph runs everything on the CPU).</summary>
    public string Device { get; internal set; } = "";

    /// <summary>The first output (for ops with exactly one).</summary>
    internal Tensor Output => Outputs.Count > 0
        ? Outputs[0]
        : throw new GraphException($"Operation '{Name}' ({Type}) has no outputs.");

    /// <summary>An attribute value (see <see cref="AttrMap.Get{T}(string)"/>).</summary>
    public T GetAttr<T>(string name) => Attrs.Get<T>(name);

    internal IReadOnlyList<Operation> ConsumersOf(int index)
    {
        lock (Graph.SyncRoot)
        {
            return _consumers[index].ToArray();
        }
    }

    internal void AddConsumer(int index, Operation consumer) => _consumers[index].Add(consumer);

    /// <summary>Runs this operation as a target in the default session.</summary>
    public void Run(FeedDict? feed = null) => Session.RequireDefault(nameof(Run)).Run(this, feed);

    /// <summary>Runs this operation as a target in <paramref name="session"/>.</summary>
    public void Run(Session session, FeedDict? feed = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Run(this, feed);
    }

    /// <summary>TF-like summary: <c>&lt;Operation 'name' type=MatMul&gt;</c>.</summary>
    public override string ToString() => $"<Operation '{Name}' type={Type}>";
}
