namespace StaticGraph;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>Unrolls <paramref name="cell"/> over <paramref name="inputs"/> (one [batch, depth] tensor per time
        /// step) in the variable scope <paramref name="scope"/> (default <c>rnn</c>) and returns every step's output and
        /// the final state. The state starts at <paramref name="initial_state"/>, or the zero state of
        /// <paramref name="dtype"/> (one of the two is required); with <paramref name="sequence_length"/> ([batch]),
        /// steps at or past a row's length output zeros and keep that row's state.</summary>
        public static (Tensor[] outputs, RnnState state) static_rnn(RNNCell cell, Tensor[] inputs, RnnState? initial_state = null,
            DType? dtype = null, Tensor? sequence_length = null, string? scope = null) =>
            StaticRnn.Apply(cell, inputs, initial_state, dtype, sequence_length, scope);

        /// <summary>TF1's RNN cells (<c>tf.nn.rnn_cell.*</c>; also <c>tf.contrib.rnn.*</c>).</summary>
        public static class rnn_cell
        {
            /// <summary>h' = activation([x, h] · kernel + bias) (see <see cref="StaticGraph.BasicRNNCell"/>).</summary>
            public static BasicRNNCell BasicRNNCell(int num_units, Func<Tensor, Tensor>? activation = null, VariableReuse? reuse = null,
                string? name = null, DType? dtype = null) => new(num_units, activation, reuse, name, dtype);

            /// <summary>The LSTM of TF1's BasicLSTMCell, gates i, j, f, o (see <see cref="StaticGraph.BasicLSTMCell"/>).</summary>
            public static BasicLSTMCell BasicLSTMCell(int num_units, double forget_bias = 1.0, bool state_is_tuple = true,
                Func<Tensor, Tensor>? activation = null, VariableReuse? reuse = null, string? name = null, DType? dtype = null) =>
                new(num_units, forget_bias, state_is_tuple, activation, reuse, name, dtype);

            /// <summary>The LSTM with optional peepholes, cell clipping and projection (see
            /// <see cref="StaticGraph.LSTMCell"/>).</summary>
            public static LSTMCell LSTMCell(int num_units, bool use_peepholes = false, double? cell_clip = null, Initializer? initializer = null,
                int? num_proj = null, double? proj_clip = null, double forget_bias = 1.0, Func<Tensor, Tensor>? activation = null,
                VariableReuse? reuse = null, string? name = null, DType? dtype = null) =>
                new(num_units, use_peepholes, cell_clip, initializer, num_proj, proj_clip, forget_bias, activation, reuse, name, dtype);

            /// <summary>The gated recurrent unit (see <see cref="StaticGraph.GRUCell"/>).</summary>
            public static GRUCell GRUCell(int num_units, Func<Tensor, Tensor>? activation = null, VariableReuse? reuse = null,
                Initializer? kernel_initializer = null, Initializer? bias_initializer = null, string? name = null, DType? dtype = null) =>
                new(num_units, activation, reuse, kernel_initializer, bias_initializer, name, dtype);

            /// <summary>Cells stacked in layers (see <see cref="StaticGraph.MultiRNNCell"/>).</summary>
            public static MultiRNNCell MultiRNNCell(RNNCell[] cells) => new(cells);

            /// <summary>Dropout on a cell's inputs, outputs and state with constant keep probabilities.</summary>
            [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // DropoutWrapper(cell) takes this form
            public static DropoutWrapper DropoutWrapper(RNNCell cell, double input_keep_prob = 1.0, double output_keep_prob = 1.0,
                double state_keep_prob = 1.0, int? seed = null) => new(cell, input_keep_prob, output_keep_prob, state_keep_prob, seed);

            /// <summary>Dropout on a cell's inputs, outputs and state with keep probabilities fed as tensors.</summary>
            public static DropoutWrapper DropoutWrapper(RNNCell cell, Tensor? input_keep_prob = null, Tensor? output_keep_prob = null,
                Tensor? state_keep_prob = null, int? seed = null) => new(cell, input_keep_prob, output_keep_prob, state_keep_prob, seed);

            /// <summary>output = inputs + cell output (or residual_fn(inputs, output)).</summary>
            public static ResidualWrapper ResidualWrapper(RNNCell cell, Func<Tensor, Tensor, Tensor>? residual_fn = null) => new(cell, residual_fn);

            /// <summary>An LSTM state of cell state <paramref name="c"/> and output <paramref name="h"/>.</summary>
            public static LSTMStateTuple LSTMStateTuple(Tensor c, Tensor h) => new(c, h);
        }
    }
}
