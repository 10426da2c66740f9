using StaticGraph.Tests.Layers;

namespace StaticGraph.Tests.Rnn;

/// <summary>tf.nn.static_rnn: scopes and variable sharing across steps, sequence lengths, and carrying a state from one
/// run to the next through feeds.</summary>
public class StaticRnnTests
{
    [Fact]
    public void Static_rnn_creates_the_cells_variables_once_under_rnn_and_reuses_them_every_step()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3]);
            var (outputs, _) = tf.nn.static_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), [x, x, x], dtype: tf.float32);
            Assert.Equal([("rnn/basic_lstm_cell/kernel:0", new[] { 7, 16 }), ("rnn/basic_lstm_cell/bias:0", new[] { 16 })],
                tf.global_variables().Select(v => (v.Name, v.Shape.ToArray())));
            Assert.Equal("rnn/basic_lstm_cell/Mul_2", outputs[0].Op.Name);
            Assert.Equal("rnn/basic_lstm_cell/Mul_5", outputs[1].Op.Name);
            Assert.Equal([-1, 4], outputs[2].Shape.ToArray());

            var (encoded, _) = tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), [x], dtype: tf.float32, scope: "encoder");
            Assert.Contains("encoder/gru_cell/gates/kernel:0", tf.global_variables().Select(v => v.Name));
            Assert.StartsWith("encoder/gru_cell/", encoded[0].Op.Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Static_rnn_needs_an_initial_state_or_a_dtype_and_at_least_one_input()
    {
        using (new Graph().AsDefault())
        {
            var cell = tf.nn.rnn_cell.BasicRNNCell(2);
            var x = tf.placeholder(tf.float32, [2, 3]);
            var error = Assert.Throws<ArgumentException>(() => tf.nn.static_rnn(cell, [x]));
            Assert.Contains("dtype must be specified", error.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => tf.nn.static_rnn(cell, [], dtype: tf.float32));
        }
    }

    [Fact]
    public void Rows_past_their_sequence_length_output_zeros_and_keep_their_last_state()
    {
        using (new Graph().AsDefault())
        {
            var steps = Enumerable.Range(0, 3).Select(t => tf.constant(new double[,] { { t + 1, -t }, { 0.5 * t, 1 } })).ToArray();
            var cell = tf.nn.rnn_cell.BasicRNNCell(3);
            var (full, _) = tf.nn.static_rnn(cell, steps, dtype: tf.float64);
            var (masked, state) = tf.nn.static_rnn(cell, steps, dtype: tf.float64, sequence_length: tf.constant(new long[] { 1, 3 }));
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var f = sess.Run(full);
            var m = sess.Run(masked);
            var s = LayerAssert.Doubles(sess.Run(state.ToTensor()));
            var f0 = LayerAssert.Doubles(f[0]);
            var f2 = LayerAssert.Doubles(f[2]);
            LayerAssert.Close(f0, m[0], 1e-12);
            LayerAssert.Close([0, 0, 0, .. f2[3..]], m[2], 1e-12);
            Assert.Equal([.. f0[..3], .. f2[3..]], s);
        }
    }

    [Fact]
    public void A_final_state_fetched_and_fed_back_continues_the_sequence()
    {
        using (new Graph().AsDefault())
        {
            var steps = Enumerable.Range(0, 4).Select(t => tf.constant(new double[,] { { t, 1 - t }, { 0.25 * t, 2 } })).ToArray();
            var cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(3), tf.nn.rnn_cell.GRUCell(2)]);
            var initial = cell.ZeroState(2, tf.float64);
            var (_, half) = tf.nn.static_rnn(cell, steps[..2], initial_state: initial);
            var (_, whole) = tf.nn.static_rnn(cell, steps, initial_state: initial);
            var (_, second) = tf.nn.static_rnn(cell, steps[2..], initial_state: initial);
            Assert.Equal(6, tf.global_variables().Count()); // one set for all three unrollings

            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            NDArray[] carried = sess.Run(half);
            Assert.Equal(3, carried.Length); // c and h of the LSTM, the GRU state
            var feed = new FeedDict { [initial] = carried };
            Assert.Same(carried[1], feed[initial][1]);
            var continued = sess.Run(second, feed);
            var expected = sess.Run(whole);
            for (int i = 0; i < expected.Length; i++)
            {
                LayerAssert.Close(LayerAssert.Doubles(expected[i]), continued[i], 1e-12);
            }

            var lstm = (LSTMStateTuple)((RnnStateTuple)initial)[0];
            var error = Assert.Throws<ArgumentException>(() => new FeedDict { [lstm] = [carried[0]] });
            Assert.Contains("holds 2 tensors but 1 values", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void States_flatten_depth_first_and_pack_back_into_the_same_structure()
    {
        using (new Graph().AsDefault())
        {
            var t = Enumerable.Range(0, 5).Select(i => tf.constant((double)i)).ToArray();
            var state = new RnnStateTuple([new LSTMStateTuple(t[0], t[1]), t[2], new RnnStateTuple([new LSTMStateTuple(t[3], t[4])])]);
            Assert.Equal(5, state.TensorCount);
            Assert.Equal(t, state.Flatten());
            var swapped = state.Pack([.. t.Reverse()]);
            var (c, h) = (LSTMStateTuple)((RnnStateTuple)swapped)[0];
            Assert.Same(t[4], c);
            Assert.Same(t[3], h);
            Assert.Same(t[2], ((RnnStateTuple)swapped)[1].ToTensor());
            Assert.Throws<ArgumentException>(() => state.Pack(t[..4]));
            Assert.Throws<InvalidCastException>(() => (Tensor)state);
        }
    }

    [Fact]
    public void A_stacked_cell_built_ahead_of_its_first_call_creates_every_layers_variables_once()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 5]);
            var cell = tf.contrib.rnn.DropoutWrapper(tf.contrib.rnn.MultiRNNCell([tf.contrib.rnn.LSTMCell(4, num_proj: 2), tf.contrib.rnn.GRUCell(3)]));
            using (tf.variable_scope("rnn"))
            {
                cell.EnsureBuilt(x);
            }

            string[] names = ["rnn/multi_rnn_cell/cell_0/lstm_cell/kernel:0", "rnn/multi_rnn_cell/cell_0/lstm_cell/bias:0",
                "rnn/multi_rnn_cell/cell_0/lstm_cell/projection/kernel:0", "rnn/multi_rnn_cell/cell_1/gru_cell/gates/kernel:0",
                "rnn/multi_rnn_cell/cell_1/gru_cell/gates/bias:0", "rnn/multi_rnn_cell/cell_1/gru_cell/candidate/kernel:0",
                "rnn/multi_rnn_cell/cell_1/gru_cell/candidate/bias:0"];
            Assert.Equal(names, tf.global_variables().Select(v => v.Name));
            Assert.Equal([5 + 2, 16], tf.global_variables().First().Shape.ToArray());
            Assert.Equal([2 + 3, 6], tf.global_variables().ElementAt(3).Shape.ToArray());
            var (outputs, _) = tf.contrib.rnn.static_rnn(cell, [x, x], dtype: tf.float32);
            Assert.Equal(names, tf.global_variables().Select(v => v.Name));
            Assert.Equal([-1, 3], outputs[1].Shape.ToArray());
        }
    }
}
