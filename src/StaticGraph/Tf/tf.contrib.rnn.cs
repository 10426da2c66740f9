namespace StaticGraph;

public static partial class tf
{
    public static partial class contrib
    {
        /// <summary>TF1's <c>tf.contrib.rnn</c>: aliases of <see cref="nn.rnn_cell"/> and <see cref="nn.static_rnn"/>.</summary>
        public static class rnn
        {
            /// <summary>Alias of <see cref="nn.rnn_cell.BasicRNNCell"/>.</summary>
            public static BasicRNNCell BasicRNNCell(int num_units, Func<Tensor, Tensor>? activation = null, VariableReuse? reuse = null,
                string? name = null, DType? dtype = null) => nn.rnn_cell.BasicRNNCell(num_units, activation, reuse, name, dtype);

            /// <summary>Alias of <see cref="nn.rnn_cell.BasicLSTMCell"/>.</summary>
            public static BasicLSTMCell BasicLSTMCell(int num_units, double forget_bias = 1.0, bool state_is_tuple = true,
                Func<Tensor, Tensor>? activation = null, VariableReuse? reuse = null, string? name = null, DType? dtype = null) =>
                nn.rnn_cell.BasicLSTMCell(num_units, forget_bias, state_is_tuple, activation, reuse, name, dtype);

            /// <summary>Alias of <see cref="nn.rnn_cell.LSTMCell"/>.</summary>
            public static LSTMCell LSTMCell(int num_units, bool use_peepholes = false, double? cell_clip = null, Initializer? initializer = null,
                int? num_proj = null, double? proj_clip = null, double forget_bias = 1.0, Func<Tensor, Tensor>? activation = null,
                VariableReuse? reuse = null, string? name = null, DType? dtype = null) =>
                nn.rnn_cell.LSTMCell(num_units, use_peepholes, cell_clip, initializer, num_proj, proj_clip, forget_bias, activation, reuse, name, dtype);

            /// <summary>Alias of <see cref="nn.rnn_cell.GRUCell"/>.</summary>
            public static GRUCell GRUCell(int num_units, Func<Tensor, Tensor>? activation = null, VariableReuse? reuse = null,
                Initializer? kernel_initializer = null, Initializer? bias_initializer = null, string? name = null, DType? dtype = null) =>
                nn.rnn_cell.GRUCell(num_units, activation, reuse, kernel_initializer, bias_initializer, name, dtype);

            /// <summary>Alias of <see cref="nn.rnn_cell.MultiRNNCell"/>.</summary>
            public static MultiRNNCell MultiRNNCell(RNNCell[] cells) => nn.rnn_cell.MultiRNNCell(cells);

            /// <summary>Alias of <see cref="nn.rnn_cell.DropoutWrapper(RNNCell, double, double, double, int?)"/>.</summary>
            [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // DropoutWrapper(cell) takes this form
            public static DropoutWrapper DropoutWrapper(RNNCell cell, double input_keep_prob = 1.0, double output_keep_prob = 1.0,
                double state_keep_prob = 1.0, int? seed = null) => nn.rnn_cell.DropoutWrapper(cell, input_keep_prob, output_keep_prob, state_keep_prob, seed);

            /// <summary>Alias of <see cref="nn.rnn_cell.DropoutWrapper(RNNCell, Tensor?, Tensor?, Tensor?, int?)"/>.</summary>
            public static DropoutWrapper DropoutWrapper(RNNCell cell, Tensor? input_keep_prob = null, Tensor? output_keep_prob = null,
                Tensor? state_keep_prob = null, int? seed = null) => nn.rnn_cell.DropoutWrapper(cell, input_keep_prob, output_keep_prob, state_keep_prob, seed);

            /// <summary>Alias of <see cref="nn.rnn_cell.ResidualWrapper"/>.</summary>
            public static ResidualWrapper ResidualWrapper(RNNCell cell, Func<Tensor, Tensor, Tensor>? residual_fn = null) =>
                nn.rnn_cell.ResidualWrapper(cell, residual_fn);

            /// <summary>Alias of <see cref="nn.rnn_cell.LSTMStateTuple"/>.</summary>
            public static LSTMStateTuple LSTMStateTuple(Tensor c, Tensor h) => nn.rnn_cell.LSTMStateTuple(c, h);

            /// <summary>Alias of <see cref="nn.static_rnn"/>.</summary>
            public static (Tensor[] outputs, RnnState state) static_rnn(RNNCell cell, Tensor[] inputs, RnnState? initial_state = null,
                DType? dtype = null, Tensor? sequence_length = null, string? scope = null) =>
                nn.static_rnn(cell, inputs, initial_state, dtype, sequence_length, scope);
        }
    }
}
