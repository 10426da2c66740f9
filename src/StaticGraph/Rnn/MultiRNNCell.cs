namespace StaticGraph;

/// <summary>
/// TF1's <c>MultiRNNCell</c>: cells stacked in layers, each layer's output the next one's input; the output is the
/// last layer's, the state an <see cref="RnnStateTuple"/> of the layers' states. Layer i's variables live under
/// <c>multi_rnn_cell/cell_i/</c> (<c>rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel</c>).
/// </summary>
public sealed class MultiRNNCell : RNNCell
{
    private readonly RNNCell[] _cells;

    /// <summary>A stack of <paramref name="cells"/>, first layer first; each layer needs its own cell object.</summary>
    public MultiRNNCell(IEnumerable<RNNCell> cells)
        : base("multi_rnn_cell")
    {
        ArgumentNullException.ThrowIfNull(cells);
        _cells = [.. cells];
        if (_cells.Length == 0)
        {
            throw new ArgumentException("Must specify at least one cell for MultiRNNCell.", nameof(cells));
        }

        for (int i = 0; i < _cells.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_cells[i], $"{nameof(cells)}[{i}]");
            int j = Array.IndexOf(_cells, _cells[i]);
            if (j != i)
            {
                throw new ArgumentException(
                    $"MultiRNNCell: layers {j} and {i} are the same cell object, which would make them share one set of weights; create one cell per layer.", nameof(cells));
            }
        }
    }

    /// <summary>The layers' cells, first layer first.</summary>
    public IReadOnlyList<RNNCell> Cells => _cells;

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => [.. _cells.SelectMany(c => c.StateSize)];

    /// <inheritdoc/>
    public override int OutputSize => _cells[^1].OutputSize;

    /// <inheritdoc/>
    protected override (Tensor Output, RnnState NewState) CallCore(Tensor inputs, RnnState state)
    {
        var states = StateAs<RnnStateTuple>(state);
        if (states.Count != _cells.Length)
        {
            throw new GraphException($"MultiRNNCell has {_cells.Length} layers but the state holds {states.Count}: {state}.");
        }

        var graph = inputs.Graph;
        var current = inputs;
        var newStates = new RnnState[_cells.Length];
        for (int i = 0; i < _cells.Length; i++)
        {
            using (graph.OpenVariableScope($"cell_{i}", null, null, null, null, null))
            {
                (current, newStates[i]) = _cells[i].Call(current, states[i]);
            }
        }

        return (current, new RnnStateTuple(newStates));
    }

    /// <summary>Builds layer i in <c>cell_i</c> for the previous layer's output size.</summary>
    internal override void BuildWrapped(Graph graph, int inputDepth, DType dtype)
    {
        for (int i = 0; i < _cells.Length; i++)
        {
            using (graph.OpenVariableScope($"cell_{i}", null, null, null, null, null))
            {
                _cells[i].EnsureBuilt(graph, inputDepth, dtype);
            }

            inputDepth = _cells[i].OutputSize;
        }
    }

    /// <inheritdoc/>
    protected internal override RnnState MakeState(Func<int, Tensor> zeros) => new RnnStateTuple(_cells.Select(c => c.MakeState(zeros)));
}
