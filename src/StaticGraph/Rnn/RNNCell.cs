using StaticGraph.Layers;
using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>
/// TF1's abstract RNN cell (<c>tf.nn.rnn_cell.RNNCell</c>): one step <c>(output, new_state) = cell(inputs, state)</c>
/// for inputs [batch, depth]. A cell creates its variables with <c>tf.get_variable</c> on its first
/// <see cref="Call"/>, in a variable scope named like TF1's (<c>basic_lstm_cell</c>, <c>gru_cell</c>, ... under the
/// scope open at that call, e.g. <c>rnn/</c>), and later calls re-enter that scope and reuse the same variables, so
/// one cell object unrolled over many steps shares one set of weights.
/// </summary>
public abstract class RNNCell
{
    private readonly string? _defaultScopeName;
    private readonly string? _name;
    private readonly VariableReuse? _reuse;
    private readonly DType? _dtype;
    private VariableScope? _scope;
    private Graph? _graph;

    /// <summary>A cell whose variables live in the scope <paramref name="name"/> (or the first free of
    /// <paramref name="defaultScopeName"/>, <c>..._1</c>, ...); a null <paramref name="defaultScopeName"/> is a
    /// wrapper that opens no scope of its own. <paramref name="dtype"/> fixes the variables' dtype (default: the
    /// inputs').</summary>
    protected RNNCell(string? defaultScopeName, string? name = null, VariableReuse? reuse = null, DType? dtype = null)
    {
        _defaultScopeName = defaultScopeName;
        _name = name;
        _reuse = reuse;
        _dtype = dtype;
    }

    /// <summary>The sizes (last dimensions) of the state's tensors, in <see cref="RnnState.Flatten"/> order
    /// (TF's <c>nest.flatten(cell.state_size)</c>): [units] for BasicRNNCell, [units, units] for an LSTM.</summary>
    public abstract IReadOnlyList<int> StateSize { get; }

    /// <summary>The size (last dimension) of the output of each step.</summary>
    public abstract int OutputSize { get; }

    /// <summary>The full name of the cell's variable scope once it has been called (<c>rnn/basic_lstm_cell</c>),
    /// null before.</summary>
    public string? ScopeName => _scope?.Name;

    /// <summary>The all-zeros state for <paramref name="batch_size"/> rows, each tensor [batch_size, size], built in
    /// the name scope <c>{CellType}ZeroState</c> of the default graph.</summary>
    public RnnState ZeroState(int batch_size, DType dtype)
    {
        if (batch_size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batch_size), batch_size, "batch_size must not be negative.");
        }

        using var scope = Graph.Default.NameScope(GetType().Name + "ZeroState");
        return MakeState(size => Constants.Filled([batch_size, size], 0, dtype, "zeros"));
    }

    /// <summary>The all-zeros state for a batch size known only at run time (an int32 scalar tensor): each tensor is
    /// <c>tf.zeros(tf.concat([[batch_size], [size]], 0))</c>.</summary>
    public RnnState ZeroState(Tensor batch_size, DType dtype)
    {
        ArgumentNullException.ThrowIfNull(batch_size);
        if (batch_size.Shape.HasRank && batch_size.Shape.Rank != 0)
        {
            throw new GraphException($"ZeroState: batch_size must be a scalar, got '{batch_size.Name}' of shape {batch_size.Shape}.");
        }

        var graph = batch_size.Graph;
        using var scope = graph.NameScope(GetType().Name + "ZeroState");
        return MakeState(size =>
        {
            var batch = ManipulationOps.ExpandDims(batch_size, OpBuilder.Scalar(0, DType.Int32, graph, "ExpandDims/dim"), "ExpandDims");
            var dims = ManipulationOps.Concat([batch, OpBuilder.IntVector([size], graph)], OpBuilder.Scalar(0, DType.Int32, graph, "concat/axis"), "concat");
            using var zeros = graph.NameScope("zeros");
            var value = ArrayOps.Fill(dims, OpBuilder.Scalar(0, dtype, graph), zeros.Name);
            value.SetShape([-1, size]);
            return value;
        });
    }

    /// <summary>One step: the output [batch, <see cref="OutputSize"/>] and the new state for inputs [batch, depth]
    /// and the previous <paramref name="state"/> (TF1 <c>cell(inputs, state)</c>). The first call creates the
    /// variables (the inputs' last dimension must be known); later calls reuse them.</summary>
    public (Tensor Output, RnnState NewState) Call(Tensor inputs, RnnState state)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(state);
        if (_defaultScopeName is null)
        {
            return CallCore(inputs, state);
        }

        var graph = inputs.Graph;
        EnsureBuilt(inputs);
        // A cell built inside one loop body may run in another body of the same graph (a second dynamic_rnn call).
        if (graph.Root != _graph!.Root)
        {
            throw new GraphException($"{GetType().Name} '{_scope!.Name}' was built in another graph than the one of inputs '{inputs.Name}'.");
        }

        // Every call, the first included, runs in the cell's scope with reuse, so its ops are named
        // scope/MatMul, scope/MatMul_1, ... as TF1's re-entered layer scope names them.
        using (graph.ReenterVariableScope(_scope!, true, null, null))
        {
            return CallCore(inputs, state);
        }
    }

    /// <summary>Creates the variables of this cell and the cells it wraps, once, for inputs like
    /// <paramref name="inputs"/> (TF1's <c>build</c> on the first call). A loop (dynamic_rnn) can call this before it
    /// builds its body, so that the variables are created outside the loop.</summary>
    internal void EnsureBuilt(Tensor inputs)
    {
        if (_scope is not null)
        {
            return;
        }

        var shape = inputs.Shape;
        int depth = shape.HasRank && shape.Rank >= 1 ? shape[-1] : -1;
        if (depth < 0)
        {
            throw new GraphException($"{GetType().Name}: expected inputs.shape[-1] to be known, saw shape: {shape} (inputs '{inputs.Name}').");
        }

        EnsureBuilt(inputs.Graph, depth, LayerScope.FloatType(inputs, GetType().Name));
    }

    /// <summary>See <see cref="EnsureBuilt(Tensor)"/>: opens the cell's variable scope under the current one (its name,
    /// or the first free of the default name) and creates the variables there.</summary>
    internal void EnsureBuilt(Graph graph, int inputDepth, DType inputType)
    {
        if (_defaultScopeName is null)
        {
            BuildWrapped(graph, inputDepth, inputType);
            return;
        }

        if (_scope is not null)
        {
            return;
        }

        var dtype = _dtype ?? inputType;
        using var scope = LayerScope.Open(graph, _name, _defaultScopeName, _reuse);
        _graph = graph;
        Build(inputDepth, dtype);
        BuildWrapped(graph, inputDepth, dtype);
        _scope = scope;
    }

    /// <summary>Builds the cells this one wraps or stacks (in this cell's scope when it has one).</summary>
    internal virtual void BuildWrapped(Graph graph, int inputDepth, DType dtype)
    {
    }

    /// <summary>Creates the cell's variables with <see cref="AddVariable"/> (TF1 <c>build</c>); called once, in the
    /// cell's variable scope, before the first <see cref="CallCore"/>.</summary>
    protected virtual void Build(int inputDepth, DType dtype)
    {
    }

    /// <summary>The step itself (TF1 <c>call</c>), run inside the cell's variable scope.</summary>
    protected abstract (Tensor Output, RnnState NewState) CallCore(Tensor inputs, RnnState state);

    /// <summary>The state structure with each tensor made by <paramref name="zeros"/> from its size.</summary>
    protected internal abstract RnnState MakeState(Func<int, Tensor> zeros);

    /// <summary><c>tf.get_variable(name, shape, dtype, initializer)</c> in the cell's scope (only from
    /// <see cref="Build"/>); a null initializer is the scope's default (glorot_uniform).</summary>
    protected Variable AddVariable(string name, Shape shape, DType dtype, Initializer? initializer)
    {
        var graph = _graph ?? throw new InvalidOperationException("AddVariable can only be called from Build.");
        return graph.GetVariable(name, shape, dtype, initializer, null, true, null);
    }

    /// <summary>concat(args, 1) · kernel + bias, TF1's <c>_linear</c> as the cells inline it (ops <c>concat</c>,
    /// <c>MatMul</c>, <c>BiasAdd</c>).</summary>
    protected static Tensor Linear(Tensor[] args, Tensor kernel, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(kernel);
        var graph = kernel.Graph;
        var x = args.Length == 1 ? args[0] : ManipulationOps.Concat(args, OpBuilder.Scalar(1, DType.Int32, graph, "concat/axis"), "concat");
        var y = MathOps.MatMul(x, kernel, false, false, "MatMul");
        return bias is null ? y : ConvOps.BiasAdd(y, bias, "NHWC", "BiasAdd");
    }

    /// <summary>Splits [batch, n·k] into n tensors [batch, k] along axis 1 (TF1's <c>split(value, n, axis=one)</c>).</summary>
    protected static Tensor[] SplitColumns(Tensor value, int n)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ManipulationOps.Split(OpBuilder.Scalar(1, DType.Int32, value.Graph), value, n, "split");
    }

    /// <summary><paramref name="state"/> as <typeparamref name="T"/>, or an error naming the cell and both kinds.</summary>
    protected T StateAs<T>(RnnState state)
        where T : RnnState => state as T ?? throw new GraphException(
            $"{GetType().Name} expects a state of type {typeof(T).Name}, got {state}.");

    /// <summary>The single tensor of a one-tensor state, or an error naming the cell.</summary>
    protected Tensor StateTensor(RnnState state) => state is TensorRnnState single ? single.Tensor
        : throw new GraphException($"{GetType().Name} expects a single-tensor state, got {state}.");
}
