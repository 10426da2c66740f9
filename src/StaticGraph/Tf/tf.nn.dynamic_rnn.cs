namespace StaticGraph;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>Runs <paramref name="cell"/> over the time axis of <paramref name="inputs"/> ([batch, time, depth],
        /// or [time, batch, depth] with <paramref name="time_major"/>) in a <c>tf.while_loop</c> under the variable scope
        /// <paramref name="scope"/> (default <c>rnn</c>), and returns the outputs of every step (same layout, last
        /// dimension the cell's output size) and the final state. The state starts at <paramref name="initial_state"/>
        /// (what <c>ZeroState</c> returned, or a fed state), or the zero state of <paramref name="dtype"/>; with
        /// <paramref name="sequence_length"/> ([batch]) a row outputs zeros from its length on and keeps its state.
        /// The loop runs as many steps as the fed sequence has; gradients flow through it.</summary>
        public static (Tensor outputs, RnnState state) dynamic_rnn(RNNCell cell, Tensor inputs, Tensor? sequence_length = null,
            RnnState? initial_state = null, DType? dtype = null, int parallel_iterations = 32, bool swap_memory = false,
            bool time_major = false, string? scope = null)
        {
            _ = swap_memory;
            return DynamicRnn.Apply(cell, inputs, sequence_length, initial_state, dtype, parallel_iterations, time_major, scope);
        }

        /// <summary>TF1's <c>tf.nn.bidirectional_dynamic_rnn</c>: <paramref name="cell_fw"/> over the inputs and
        /// <paramref name="cell_bw"/> over them reversed in time (each row up to its <paramref name="sequence_length"/>),
        /// in the scopes <c>bidirectional_rnn/fw</c> and <c>bidirectional_rnn/bw</c>; returns
        /// <c>((output_fw, output_bw), (state_fw, state_bw))</c> with the backward outputs in input order.</summary>
        public static ((Tensor output_fw, Tensor output_bw) outputs, (RnnState state_fw, RnnState state_bw) output_states)
            bidirectional_dynamic_rnn(RNNCell cell_fw, RNNCell cell_bw, Tensor inputs, Tensor? sequence_length = null,
                RnnState? initial_state_fw = null, RnnState? initial_state_bw = null, DType? dtype = null,
                int parallel_iterations = 32, bool swap_memory = false, bool time_major = false, string? scope = null)
        {
            _ = swap_memory;
            return DynamicRnn.Bidirectional(cell_fw, cell_bw, inputs, sequence_length, initial_state_fw, initial_state_bw, dtype,
                parallel_iterations, time_major, scope);
        }
    }
}
