namespace StaticGraph;

/// <summary>
/// TF1's <c>ResidualWrapper</c>: output = residual_fn(inputs, cell output), by default inputs + output (so the
/// cell's output size must equal the input depth); the state is the wrapped cell's. Opens no variable scope.
/// </summary>
public sealed class ResidualWrapper : RNNCell
{
    private readonly RNNCell _cell;
    private readonly Func<Tensor, Tensor, Tensor>? _residualFn;

    /// <summary>Wraps <paramref name="cell"/>; <paramref name="residual_fn"/> (inputs, outputs) → result replaces
    /// the sum.</summary>
    public ResidualWrapper(RNNCell cell, Func<Tensor, Tensor, Tensor>? residual_fn = null)
        : base(null)
    {
        _cell = cell ?? throw new ArgumentNullException(nameof(cell));
        _residualFn = residual_fn;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => _cell.StateSize;

    /// <inheritdoc/>
    public override int OutputSize => _cell.OutputSize;

    /// <inheritdoc/>
    protected override (Tensor Output, RnnState NewState) CallCore(Tensor inputs, RnnState state)
    {
        var (output, newState) = _cell.Call(inputs, state);
        if (_residualFn is not null)
        {
            return (_residualFn(inputs, output), newState);
        }

        int depth = inputs.Shape.HasRank && inputs.Shape.Rank > 0 ? inputs.Shape[-1] : -1;
        if (depth >= 0 && depth != _cell.OutputSize)
        {
            throw new GraphException(
                $"ResidualWrapper: the inputs '{inputs.Name}' have depth {depth} but the cell's output size is {_cell.OutputSize}; they must match to be added.");
        }

        return (inputs + output, newState);
    }

    /// <summary>Builds the wrapped cell.</summary>
    internal override void BuildWrapped(Graph graph, int inputDepth, DType dtype) => _cell.EnsureBuilt(graph, inputDepth, dtype);

    /// <inheritdoc/>
    protected internal override RnnState MakeState(Func<int, Tensor> zeros) => _cell.MakeState(zeros);
}
