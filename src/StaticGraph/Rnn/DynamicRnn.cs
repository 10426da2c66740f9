using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>TF1's <c>tf.nn.dynamic_rnn</c>: a cell run by a <c>tf.while_loop</c> over the time steps of one
/// [batch, time, depth] tensor (time-major: [time, batch, depth]), so the graph does not grow with the sequence
/// length and the loop runs as many steps as the fed sequence has.</summary>
internal static class DynamicRnn
{
    /// <summary>The outputs of every step ([batch, time, output size], or time-major) and the final state. With
    /// <paramref name="sequenceLength"/> ([batch] lengths) a row outputs zeros past its length and its state stays the
    /// last one computed, as in TF1.</summary>
    public static (Tensor Outputs, RnnState State) Apply(RNNCell cell, Tensor inputs, Tensor? sequenceLength, RnnState? initialState,
        DType? dtype, int parallelIterations, bool timeMajor, string? scope)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Shape.HasRank && inputs.Shape.Rank != 3)
        {
            throw new GraphException($"dynamic_rnn: inputs must be [batch, time, depth]{(timeMajor ? " (time-major: [time, batch, depth])" : "")}, but '{inputs.Name}' has shape {inputs.Shape}.");
        }

        var graph = Graph.For([inputs]);
        using var varscope = graph.OpenVariableScope(scope ?? "rnn", null, null, null, null, null);
        var tm = timeMajor ? inputs : ManipulationOps.Transpose(inputs, [1, 0, 2], "transpose");
        var dims = ArrayOps.ShapeOf(tm, DType.Int32, "Shape");
        var steps = Dim(dims, 0, graph, "time_steps");
        var batch = Dim(dims, 1, graph, "batch_size");
        int staticBatch = tm.Shape.HasRank ? tm.Shape[1] : -1;
        var state = initialState ?? (dtype is DType d
            ? staticBatch >= 0 ? cell.ZeroState(staticBatch, d) : cell.ZeroState(batch, d)
            : throw new ArgumentException("If there is no initial_state, you must give a dtype.", nameof(dtype)));
        var flat = state.Flatten();
        var type = flat[0].DType;

        // Outputs accumulate in a [time, batch, output] tensor of zeros; step t adds its output at row t
        // (TensorScatterAdd: the loop updates the tensor in place, and its gradient passes dy through unchanged).
        var outputShape = ManipulationOps.Pack([steps, batch, OpBuilder.Scalar(cell.OutputSize, DType.Int32, graph)], 0, "output_shape");
        var outputs0 = ArrayOps.Fill(outputShape, OpBuilder.Scalar(0, type, graph), "outputs");
        Tensor? length = null, zeroOutput = null;
        if (sequenceLength is not null)
        {
            length = ArrayOps.Cast(sequenceLength, DType.Int32, "sequence_length");
            zeroOutput = ArrayOps.Fill(ManipulationOps.Pack([batch, OpBuilder.Scalar(cell.OutputSize, DType.Int32, graph)], 0, null),
                OpBuilder.Scalar(0, type, graph), "zero_output");
        }

        Shape[] invariants = [Shape.Scalar, new Shape(-1, staticBatch, cell.OutputSize), .. flat.Select(t => t.Shape)];
        var result = ControlFlowOps.WhileLoop(
            v => MathOps.Less(v[0], steps, null),
            v =>
            {
                var time = v[0];
                var previous = state.Pack(v[2..]);
                var x = IndexOps.GatherV2(tm, time, 0, "input");
                var (output, newState) = cell.Call(x, previous);
                if (length is not null)
                {
                    (output, newState) = StaticRnn.CopySomeThrough(MathOps.GreaterEqual(time, length, null), zeroOutput!, previous, output, newState);
                }

                var row = ArrayOps.Reshape(time, OpBuilder.IntVector([1, 1], time.Graph), null);
                var written = IndexOps.TensorScatterAdd(v[1], row,
                    ManipulationOps.ExpandDims(output, OpBuilder.Scalar(0, DType.Int32, time.Graph), null), null);
                return [MathOps.Add(time, OpBuilder.Scalar(1, DType.Int32, time.Graph), null), written, .. newState.Flatten()];
            },
            [OpBuilder.Scalar(0, DType.Int32, graph, "time"), outputs0, .. flat], invariants, null, parallelIterations, "while");

        var outputs = timeMajor ? result[1] : ManipulationOps.Transpose(result[1], [1, 0, 2], "transpose_1");
        outputs.SetShape(timeMajor
            ? new Shape(tm.Shape.HasRank ? tm.Shape[0] : -1, staticBatch, cell.OutputSize)
            : new Shape(staticBatch, tm.Shape.HasRank ? tm.Shape[0] : -1, cell.OutputSize));
        return (outputs, state.Pack(result[2..]));
    }

    /// <summary>TF1's <c>tf.nn.bidirectional_dynamic_rnn</c>: a forward cell over the inputs and a backward cell over
    /// them reversed in time (per row up to its length with <paramref name="sequenceLength"/>), each in its own
    /// scope (<c>fw</c>, <c>bw</c>) under <paramref name="scope"/> (default <c>bidirectional_rnn</c>); the backward
    /// outputs are reversed back.</summary>
    public static ((Tensor Fw, Tensor Bw) Outputs, (RnnState Fw, RnnState Bw) States) Bidirectional(RNNCell cellFw, RNNCell cellBw,
        Tensor inputs, Tensor? sequenceLength, RnnState? initialStateFw, RnnState? initialStateBw, DType? dtype,
        int parallelIterations, bool timeMajor, string? scope)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var graph = Graph.For([inputs]);
        using var outer = graph.OpenVariableScope(scope ?? "bidirectional_rnn", null, null, null, null, null);
        var (fw, fwState) = Apply(cellFw, inputs, sequenceLength, initialStateFw, dtype, parallelIterations, timeMajor, "fw");
        int timeAxis = timeMajor ? 0 : 1;
        Tensor Reverse(Tensor t) => sequenceLength is null
            ? ManipulationOps.ReverseV2(t, OpBuilder.IntVector([timeAxis], graph), null)
            : ManipulationOps.ReverseSequence(t, ArrayOps.Cast(sequenceLength, DType.Int64, null), timeAxis, 1 - timeAxis, "ReverseSequence");
        var (bw, bwState) = Apply(cellBw, Reverse(inputs), sequenceLength, initialStateBw, dtype, parallelIterations, timeMajor, "bw");
        return ((fw, Reverse(bw)), (fwState, bwState));
    }

    private static Tensor Dim(Tensor shape, int axis, Graph graph, string name) =>
        ManipulationOps.StridedSlice(shape, OpBuilder.IntVector([axis], graph), OpBuilder.IntVector([axis + 1], graph),
            OpBuilder.IntVector([1], graph), new SliceMasks(Shrink: 1), name);
}
