using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>TF1's <c>tf.nn.static_rnn</c>: a cell unrolled over a fixed list of time steps, all in one graph.</summary>
internal static class StaticRnn
{
    /// <summary>Runs <paramref name="cell"/> over <paramref name="inputs"/> (one [batch, depth] tensor per step) in the
    /// variable scope <paramref name="scope"/> (default <c>rnn</c>), from <paramref name="initialState"/> or the zero
    /// state of <paramref name="dtype"/>. With <paramref name="sequenceLength"/> ([batch] lengths), a row past its
    /// length outputs zeros and keeps its last state.</summary>
    public static (Tensor[] Outputs, RnnState State) Apply(RNNCell cell, IReadOnlyList<Tensor> inputs, RnnState? initialState,
        DType? dtype, Tensor? sequenceLength, string? scope)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("inputs must not be empty", nameof(inputs));
        }

        var first = inputs[0] ?? throw new ArgumentNullException(nameof(inputs), "inputs[0] is null.");
        if (first.Shape.HasRank && first.Shape.Rank < 2)
        {
            throw new GraphException($"static_rnn: each input must be [batch, depth], but '{first.Name}' has shape {first.Shape}.");
        }

        var graph = first.Graph;
        using var varscope = graph.OpenVariableScope(scope ?? "rnn", null, null, null, null, null);
        var batch = first.Shape.HasRank && first.Shape[0] >= 0
            ? null
            : ManipulationOps.StridedSlice(ArrayOps.ShapeOf(first, DType.Int32, "Shape"), OpBuilder.IntVector([0], graph),
                OpBuilder.IntVector([1], graph), OpBuilder.IntVector([1], graph), new SliceMasks(Shrink: 1), "strided_slice");
        var state = initialState ?? (dtype is DType d
            ? batch is null ? cell.ZeroState(first.Shape[0], d) : cell.ZeroState(batch, d)
            : throw new ArgumentException("If no initial_state is provided, dtype must be specified", nameof(dtype)));

        Tensor? length = null, zeroOutput = null;
        if (sequenceLength is not null)
        {
            (length, zeroOutput) = SequenceMaskInputs(cell, first, batch, sequenceLength);
        }

        var outputs = new Tensor[inputs.Count];
        for (int time = 0; time < inputs.Count; time++)
        {
            if (time > 0)
            {
                varscope.ReuseVariables();
            }

            var (output, newState) = cell.Call(inputs[time], state);
            if (length is not null)
            {
                var copy = MathOps.GreaterEqual(OpBuilder.Scalar(time, DType.Int32, graph, "time"), length, null);
                (output, newState) = CopySomeThrough(copy, zeroOutput!, state, output, newState);
            }

            outputs[time] = output;
            state = newState;
        }

        return (outputs, state);
    }

    /// <summary>TF1's <c>_copy_some_through</c>: rows where <paramref name="copy"/> ([batch] bool) holds output
    /// <paramref name="zeroOutput"/> and keep <paramref name="state"/>; the others take the new values.</summary>
    public static (Tensor Output, RnnState State) CopySomeThrough(Tensor copy, Tensor zeroOutput, RnnState state, Tensor newOutput, RnnState newState)
    {
        var rows = ManipulationOps.ExpandDims(copy, OpBuilder.Scalar(-1, DType.Int32, copy.Graph), null);
        var output = IndexOps.SelectV2(rows, zeroOutput, newOutput, null);
        var old = state.Flatten();
        var fresh = newState.Flatten();
        return (output, newState.Pack([.. old.Select((t, i) => IndexOps.SelectV2(rows, t, fresh[i], null))]));
    }

    /// <summary>The int32 lengths (checked to be a vector) and the zero output [batch, output size].</summary>
    private static (Tensor Length, Tensor ZeroOutput) SequenceMaskInputs(RNNCell cell, Tensor first, Tensor? batch, Tensor sequenceLength)
    {
        var graph = first.Graph;
        if (sequenceLength.Shape.HasRank && sequenceLength.Shape.Rank != 1)
        {
            throw new GraphException($"sequence_length must be a vector of length batch_size, but saw shape: {sequenceLength.Shape} ('{sequenceLength.Name}').");
        }

        var length = sequenceLength.DType == DType.Int32 ? sequenceLength : ArrayOps.Cast(sequenceLength, DType.Int32, "sequence_length");
        using var scope = graph.NameScope("zeros");
        var dims = batch is null
            ? OpBuilder.IntVector([first.Shape[0], cell.OutputSize], graph, "shape")
            : ManipulationOps.Pack([batch, OpBuilder.Scalar(cell.OutputSize, DType.Int32, graph)], 0, "stack");
        return (length, ArrayOps.Fill(dims, OpBuilder.Scalar(0, first.DType, graph), scope.Name));
    }
}
