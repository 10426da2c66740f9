using System.Runtime.CompilerServices;
using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>
/// TF1's <c>DropoutWrapper</c>: dropout (x / keep_prob where kept, else 0) on the cell's inputs, outputs and new
/// state, each with its own keep probability (a number, or a float tensor fed at run time, e.g. 1.0 for
/// evaluation). As TF1's default state filter does, an LSTM state's c is never dropped, only its h. A keep
/// probability of exactly 1.0 (a number) adds no ops. Opens no variable scope.
/// </summary>
public sealed class DropoutWrapper : RNNCell
{
    private readonly RNNCell _cell;
    private readonly Tensor? _inputKeep, _outputKeep, _stateKeep;
    private readonly double _inputKeepValue, _outputKeepValue, _stateKeepValue;
    private readonly int? _seed;

    /// <summary>Wraps <paramref name="cell"/> with constant keep probabilities in (0, 1].</summary>
    [OverloadResolutionPriority(1)] // DropoutWrapper(cell) with every default takes this form
    public DropoutWrapper(RNNCell cell, double input_keep_prob = 1.0, double output_keep_prob = 1.0, double state_keep_prob = 1.0, int? seed = null)
        : base(null)
    {
        _cell = cell ?? throw new ArgumentNullException(nameof(cell));
        _inputKeepValue = RnnChecks.KeepProb(input_keep_prob, nameof(input_keep_prob));
        _outputKeepValue = RnnChecks.KeepProb(output_keep_prob, nameof(output_keep_prob));
        _stateKeepValue = RnnChecks.KeepProb(state_keep_prob, nameof(state_keep_prob));
        _seed = seed;
    }

    /// <summary>Wraps <paramref name="cell"/> with keep probabilities given as scalar float tensors (a null one keeps
    /// everything).</summary>
    public DropoutWrapper(RNNCell cell, Tensor? input_keep_prob = null, Tensor? output_keep_prob = null, Tensor? state_keep_prob = null, int? seed = null)
        : base(null)
    {
        _cell = cell ?? throw new ArgumentNullException(nameof(cell));
        (_inputKeep, _outputKeep, _stateKeep) = (input_keep_prob, output_keep_prob, state_keep_prob);
        (_inputKeepValue, _outputKeepValue, _stateKeepValue) = (1, 1, 1);
        _seed = seed;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => _cell.StateSize;

    /// <inheritdoc/>
    public override int OutputSize => _cell.OutputSize;

    /// <inheritdoc/>
    protected override (Tensor Output, RnnState NewState) CallCore(Tensor inputs, RnnState state)
    {
        var (output, newState) = _cell.Call(Drop(inputs, _inputKeep, _inputKeepValue), state);
        return (Drop(output, _outputKeep, _outputKeepValue), DropState(newState));
    }

    /// <summary>Builds the wrapped cell.</summary>
    internal override void BuildWrapped(Graph graph, int inputDepth, DType dtype) => _cell.EnsureBuilt(graph, inputDepth, dtype);

    /// <inheritdoc/>
    protected internal override RnnState MakeState(Func<int, Tensor> zeros) => _cell.MakeState(zeros);

    private RnnState DropState(RnnState state) => state switch
    {
        LSTMStateTuple lstm => new LSTMStateTuple(lstm.c, Drop(lstm.h, _stateKeep, _stateKeepValue)),
        RnnStateTuple tuple => new RnnStateTuple(tuple.Select(DropState)),
        _ => Drop(state.ToTensor(), _stateKeep, _stateKeepValue),
    };

    private Tensor Drop(Tensor x, Tensor? keep, double keepValue) => keep is null && keepValue == 1
        ? x
        : NnOps.Dropout(x, keep is null ? null : ArrayOps.Cast(keep, x.DType, null), keep is null ? 1 - keepValue : null, null, _seed, "dropout");
}
