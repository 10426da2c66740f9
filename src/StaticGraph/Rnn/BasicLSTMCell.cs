using StaticGraph.Ops;
using StaticGraph.Train;

namespace StaticGraph;

/// <summary>
/// TF1's <c>BasicLSTMCell</c>: [i, j, f, o] = split([x, h] · kernel + bias, 4) in TF's gate order,
/// c' = c·σ(f + forget_bias) + σ(i)·act(j), h' = act(c')·σ(o); output h', state (c', h'). Variables
/// <c>basic_lstm_cell/kernel</c> [depth + units, 4·units] (glorot_uniform) and <c>basic_lstm_cell/bias</c>
/// [4·units] (zeros).
/// </summary>
public sealed class BasicLSTMCell : RNNCell
{
    private readonly int _units;
    private readonly double _forgetBias;
    private readonly bool _stateIsTuple;
    private readonly Func<Tensor, Tensor> _activation;
    private Variable? _kernel, _bias;

    /// <summary>A cell of <paramref name="num_units"/> units; <paramref name="forget_bias"/> is added to the forget
    /// gate's pre-activation; with <paramref name="state_is_tuple"/> false the state is one tensor [batch, 2·units]
    /// holding c then h (TF1's deprecated form). <paramref name="activation"/> defaults to tanh.</summary>
    public BasicLSTMCell(int num_units, double forget_bias = 1.0, bool state_is_tuple = true, Func<Tensor, Tensor>? activation = null,
        VariableReuse? reuse = null, string? name = null, DType? dtype = null)
        : base("basic_lstm_cell", name, reuse, dtype)
    {
        _units = RnnChecks.Positive(num_units, nameof(num_units));
        _forgetBias = forget_bias;
        _stateIsTuple = state_is_tuple;
        _activation = activation ?? (x => NnOps.Tanh(x, "Tanh"));
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => _stateIsTuple ? [_units, _units] : [2 * _units];

    /// <inheritdoc/>
    public override int OutputSize => _units;

    /// <inheritdoc/>
    protected override void Build(int inputDepth, DType dtype)
    {
        _kernel = AddVariable("kernel", [inputDepth + _units, 4 * _units], dtype, null);
        _bias = AddVariable("bias", [4 * _units], dtype, Initializers.Zeros());
    }

    /// <inheritdoc/>
    protected override (Tensor Output, RnnState NewState) CallCore(Tensor inputs, RnnState state)
    {
        Tensor c, h;
        if (_stateIsTuple)
        {
            (c, h) = StateAs<LSTMStateTuple>(state);
        }
        else
        {
            var halves = SplitColumns(StateTensor(state), 2);
            (c, h) = (halves[0], halves[1]);
        }

        var gates = SplitColumns(Linear([inputs, h], _kernel!, _bias!), 4);
        var (i, j, f, o) = (gates[0], gates[1], gates[2], gates[3]);
        var forgetBias = OpBuilder.Scalar(_forgetBias, f.DType, f.Graph);
        var newC = MathOps.Add(
            MathOps.Mul(c, NnOps.Sigmoid(MathOps.Add(f, forgetBias, "Add"), "Sigmoid"), "Mul"),
            MathOps.Mul(NnOps.Sigmoid(i, "Sigmoid"), _activation(j), "Mul"), "Add");
        var newH = MathOps.Mul(_activation(newC), NnOps.Sigmoid(o, "Sigmoid"), "Mul");
        RnnState newState = _stateIsTuple
            ? new LSTMStateTuple(newC, newH)
            : ManipulationOps.Concat([newC, newH], OpBuilder.Scalar(1, DType.Int32, newC.Graph, "concat/axis"), "concat");
        return (newH, newState);
    }

    /// <inheritdoc/>
    protected internal override RnnState MakeState(Func<int, Tensor> zeros) =>
        _stateIsTuple ? new LSTMStateTuple(zeros(_units), zeros(_units)) : zeros(2 * _units);
}
