using StaticGraph.Ops;
using StaticGraph.Train;

namespace StaticGraph;

/// <summary>
/// TF1's <c>GRUCell</c> (Cho et al. 2014): [r, u] = σ([x, h] · gates/kernel + gates/bias),
/// c = act([x, r·h] · candidate/kernel + candidate/bias), h' = u·h + (1 - u)·c; output = state = h'. Variables under
/// <c>gru_cell/</c>: <c>gates/kernel</c> [depth + units, 2·units], <c>gates/bias</c> [2·units] (ones),
/// <c>candidate/kernel</c> [depth + units, units], <c>candidate/bias</c> [units] (zeros).
/// </summary>
public sealed class GRUCell : RNNCell
{
    private readonly int _units;
    private readonly Func<Tensor, Tensor> _activation;
    private readonly Initializer? _kernelInitializer, _biasInitializer;
    private Variable? _gateKernel, _gateBias, _candidateKernel, _candidateBias;

    /// <summary>A cell of <paramref name="num_units"/> units; <paramref name="activation"/> defaults to tanh; a given
    /// <paramref name="bias_initializer"/> replaces both biases' defaults (ones for the gates, zeros for the
    /// candidate).</summary>
    public GRUCell(int num_units, Func<Tensor, Tensor>? activation = null, VariableReuse? reuse = null, Initializer? kernel_initializer = null,
        Initializer? bias_initializer = null, string? name = null, DType? dtype = null)
        : base("gru_cell", name, reuse, dtype)
    {
        _units = RnnChecks.Positive(num_units, nameof(num_units));
        _activation = activation ?? (x => NnOps.Tanh(x, "Tanh"));
        _kernelInitializer = kernel_initializer;
        _biasInitializer = bias_initializer;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => [_units];

    /// <inheritdoc/>
    public override int OutputSize => _units;

    /// <inheritdoc/>
    protected override void Build(int inputDepth, DType dtype)
    {
        _gateKernel = AddVariable("gates/kernel", [inputDepth + _units, 2 * _units], dtype, _kernelInitializer);
        _gateBias = AddVariable("gates/bias", [2 * _units], dtype, _biasInitializer ?? Initializers.Ones());
        _candidateKernel = AddVariable("candidate/kernel", [inputDepth + _units, _units], dtype, _kernelInitializer);
        _candidateBias = AddVariable("candidate/bias", [_units], dtype, _biasInitializer ?? Initializers.Zeros());
    }

    /// <inheritdoc/>
    protected override (Tensor Output, RnnState NewState) CallCore(Tensor inputs, RnnState state)
    {
        var h = StateTensor(state);
        var gates = SplitColumns(NnOps.Sigmoid(Linear([inputs, h], _gateKernel!, _gateBias!), "Sigmoid"), 2);
        var (r, u) = (gates[0], gates[1]);
        var c = _activation(Linear([inputs, r * h], _candidateKernel!, _candidateBias!));
        var newH = (u * h) + ((1 - u) * c);
        return (newH, newH);
    }

    /// <inheritdoc/>
    protected internal override RnnState MakeState(Func<int, Tensor> zeros) => zeros(_units);
}
