using StaticGraph.Ops;
using StaticGraph.Train;

namespace StaticGraph;

/// <summary>
/// TF1's <c>BasicRNNCell</c>: h' = activation([x, h] · kernel + bias), output = state = h'; variables
/// <c>basic_rnn_cell/kernel</c> [depth + units, units] (glorot_uniform) and <c>basic_rnn_cell/bias</c> [units]
/// (zeros).
/// </summary>
public sealed class BasicRNNCell : RNNCell
{
    private readonly int _units;
    private readonly Func<Tensor, Tensor> _activation;
    private Variable? _kernel, _bias;

    /// <summary>A cell of <paramref name="num_units"/> units; <paramref name="activation"/> defaults to tanh.</summary>
    public BasicRNNCell(int num_units, Func<Tensor, Tensor>? activation = null, VariableReuse? reuse = null, string? name = null, DType? dtype = null)
        : base("basic_rnn_cell", name, reuse, dtype)
    {
        _units = RnnChecks.Positive(num_units, nameof(num_units));
        _activation = activation ?? (x => NnOps.Tanh(x, "Tanh"));
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => [_units];

    /// <inheritdoc/>
    public override int OutputSize => _units;

    /// <inheritdoc/>
    protected override void Build(int inputDepth, DType dtype)
    {
        _kernel = AddVariable("kernel", [inputDepth + _units, _units], dtype, null);
        _bias = AddVariable("bias", [_units], dtype, Initializers.Zeros());
    }

    /// <inheritdoc/>
    protected override (Tensor Output, RnnState NewState) CallCore(Tensor inputs, RnnState state)
    {
        var h = _activation(Linear([inputs, StateTensor(state)], _kernel!, _bias!));
        return (h, h);
    }

    /// <inheritdoc/>
    protected internal override RnnState MakeState(Func<int, Tensor> zeros) => zeros(_units);
}
