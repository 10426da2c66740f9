using StaticGraph.Tests.Layers;

namespace StaticGraph.Tests.Rnn;

/// <summary>The cells' TF1 variable names and shapes, and one step of each against its formula worked out by hand with
/// one unit and a one-dimensional input.</summary>
public class RnnCellTests
{
    // One input x, previous c and h; the kernel rows are [x; h], its columns the gates i, j, f, o.
    private const double X = 0.5, C = 0.2, H = -0.3;
    private static readonly double[,] Kernel = { { 0.1, 0.2, 0.3, 0.4 }, { -0.5, 0.6, -0.7, 0.8 } };
    private static readonly double[] Bias = [0.01, 0.02, 0.03, 0.04];

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static double Gate(int k) => (X * Kernel[0, k]) + (H * Kernel[1, k]) + Bias[k];

    [Fact]
    public void BasicLSTMCell_step_is_TF1s_formula_with_gate_order_i_j_f_o_and_forget_bias_on_f()
    {
        using (new Graph().AsDefault())
        {
            var cell = tf.nn.rnn_cell.BasicLSTMCell(1, forget_bias: 0.25);
            var (output, state) = cell.Call(tf.constant(new double[,] { { X } }), tf.nn.rnn_cell.LSTMStateTuple(tf.constant(new double[,] { { C } }), tf.constant(new double[,] { { H } })));
            var (c, h) = (LSTMStateTuple)state;
            using var sess = tf.Session();
            SetLstmWeights(sess);
            double newC = (C * Sigmoid(Gate(2) + 0.25)) + (Sigmoid(Gate(0)) * Math.Tanh(Gate(1)));
            double newH = Math.Tanh(newC) * Sigmoid(Gate(3));
            LayerAssert.Close(newC, sess.Run(c), 1e-12);
            LayerAssert.Close(newH, sess.Run(h), 1e-12);
            Assert.Same(h, output);
        }
    }

    [Fact]
    public void BasicLSTMCell_without_tuple_state_carries_c_then_h_in_one_tensor()
    {
        using (new Graph().AsDefault())
        {
            var cell = tf.nn.rnn_cell.BasicLSTMCell(1, forget_bias: 0.25, state_is_tuple: false);
            Assert.Equal([2], cell.StateSize);
            var (output, state) = cell.Call(tf.constant(new double[,] { { X } }), tf.constant(new double[,] { { C, H } }));
            using var sess = tf.Session();
            SetLstmWeights(sess);
            double newC = (C * Sigmoid(Gate(2) + 0.25)) + (Sigmoid(Gate(0)) * Math.Tanh(Gate(1)));
            double newH = Math.Tanh(newC) * Sigmoid(Gate(3));
            LayerAssert.Close([newC, newH], sess.Run(state.ToTensor()), 1e-12);
            LayerAssert.Close(newH, sess.Run(output), 1e-12);
        }
    }

    [Fact]
    public void LSTMCell_with_peepholes_clip_and_projection_follows_its_formula()
    {
        using (new Graph().AsDefault())
        {
            var cell = tf.nn.rnn_cell.LSTMCell(1, use_peepholes: true, cell_clip: 0.3, num_proj: 1, proj_clip: 0.05, forget_bias: 0.25);
            var (output, state) = cell.Call(tf.constant(new double[,] { { X } }), tf.nn.rnn_cell.LSTMStateTuple(tf.constant(new double[,] { { C } }), tf.constant(new double[,] { { H } })));
            Assert.Equal(["lstm_cell/kernel:0", "lstm_cell/bias:0", "lstm_cell/w_f_diag:0", "lstm_cell/w_i_diag:0", "lstm_cell/w_o_diag:0", "lstm_cell/projection/kernel:0"],
                tf.global_variables().Select(v => v.Name));
            var v = tf.global_variables().ToArray();
            using var sess = tf.Session();
            sess.Run(tf.group(v[0].Assign(tf.constant(Kernel)), v[1].Assign(tf.constant(Bias)), v[2].Assign(tf.constant(new[] { 0.5 })),
                v[3].Assign(tf.constant(new[] { -0.5 })), v[4].Assign(tf.constant(new[] { 2.0 })), v[5].Assign(tf.constant(new double[,] { { -0.1 } }))));
            double c = (Sigmoid(Gate(2) + 0.25 + (0.5 * C)) * C) + (Sigmoid(Gate(0) - (0.5 * C)) * Math.Tanh(Gate(1)));
            c = Math.Clamp(c, -0.3, 0.3);
            double m = Sigmoid(Gate(3) + (2.0 * c)) * Math.Tanh(c) * -0.1;
            m = Math.Clamp(m, -0.05, 0.05);
            LayerAssert.Close(c, sess.Run(((LSTMStateTuple)state).c), 1e-12);
            LayerAssert.Close(m, sess.Run(output), 1e-12);
        }
    }

    [Fact]
    public void BasicRNNCell_step_is_tanh_of_the_linear_map_of_input_and_state()
    {
        using (new Graph().AsDefault())
        {
            var cell = tf.nn.rnn_cell.BasicRNNCell(1);
            var (output, state) = cell.Call(tf.constant(new double[,] { { X } }), tf.constant(new double[,] { { H } }));
            Assert.Equal([("basic_rnn_cell/kernel:0", new[] { 2, 1 }), ("basic_rnn_cell/bias:0", new[] { 1 })],
                tf.global_variables().Select(v => (v.Name, v.Shape.ToArray())));
            var v = tf.global_variables().ToArray();
            using var sess = tf.Session();
            sess.Run(tf.group(v[0].Assign(tf.constant(new double[,] { { 0.7 }, { -1.1 } })), v[1].Assign(tf.constant(new[] { 0.05 }))));
            LayerAssert.Close(Math.Tanh((0.7 * X) + (-1.1 * H) + 0.05), sess.Run(output), 1e-12);
            Assert.Same(output, state.ToTensor());
        }
    }

    [Fact]
    public void GRUCell_step_mixes_state_and_candidate_by_the_update_gate()
    {
        using (new Graph().AsDefault())
        {
            var cell = tf.nn.rnn_cell.GRUCell(1);
            var (output, _) = cell.Call(tf.constant(new double[,] { { X } }), tf.constant(new double[,] { { H } }));
            Assert.Equal(["gru_cell/gates/kernel:0", "gru_cell/gates/bias:0", "gru_cell/candidate/kernel:0", "gru_cell/candidate/bias:0"],
                tf.global_variables().Select(v => v.Name));
            var v = tf.global_variables().ToArray();
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            LayerAssert.Close([1, 1], sess.Run(v[1]), 0);
            LayerAssert.Close(0, sess.Run(v[3]), 0);
            sess.Run(tf.group(v[0].Assign(tf.constant(new double[,] { { 0.3, -0.2 }, { 0.4, 0.9 } })), v[1].Assign(tf.constant(new[] { 0.1, -0.1 })),
                v[2].Assign(tf.constant(new double[,] { { 1.5 }, { -0.6 } })), v[3].Assign(tf.constant(new[] { 0.2 }))));
            double r = Sigmoid((0.3 * X) + (0.4 * H) + 0.1), u = Sigmoid((-0.2 * X) + (0.9 * H) - 0.1);
            double candidate = Math.Tanh((1.5 * X) + (-0.6 * r * H) + 0.2);
            LayerAssert.Close((u * H) + ((1 - u) * candidate), sess.Run(output), 1e-12);
        }
    }

    [Fact]
    public void MultiRNNCell_names_layers_cell_i_and_feeds_each_layer_the_previous_output()
    {
        using (new Graph().AsDefault())
        {
            var cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(4), tf.nn.rnn_cell.BasicRNNCell(2)]);
            Assert.Equal([4, 4, 2], cell.StateSize);
            Assert.Equal(2, cell.OutputSize);
            var inputs = tf.placeholder(tf.float32, [-1, 3]);
            var (outputs, state) = tf.nn.static_rnn(cell, [inputs, inputs], dtype: tf.float32);
            Assert.Equal([("rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0", new[] { 7, 16 }), ("rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias:0", new[] { 16 }),
                ("rnn/multi_rnn_cell/cell_1/basic_rnn_cell/kernel:0", new[] { 6, 2 }), ("rnn/multi_rnn_cell/cell_1/basic_rnn_cell/bias:0", new[] { 2 })],
                tf.global_variables().Select(v => (v.Name, v.Shape.ToArray())));
            var layers = Assert.IsType<RnnStateTuple>(state);
            Assert.Equal(2, layers.Count);
            Assert.IsType<LSTMStateTuple>(layers[0]);
            Assert.Same(outputs[1], layers[1].ToTensor());
        }
    }

    [Fact]
    public void MultiRNNCell_rejects_one_cell_object_used_for_two_layers()
    {
        var cell = new BasicLSTMCell(4);
        var error = Assert.Throws<ArgumentException>(() => tf.nn.rnn_cell.MultiRNNCell([cell, cell]));
        Assert.Contains("layers 0 and 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DropoutWrapper_drops_an_LSTMs_h_but_never_its_c()
    {
        using (new Graph().AsDefault())
        {
            var keep = tf.placeholder_with_default(tf.constant(1.0), []);
            var cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(50), state_keep_prob: keep);
            var (output, state) = cell.Call(tf.ones([4, 8], tf.float64), cell.ZeroState(4, tf.float64));
            Assert.Equal(["basic_lstm_cell/kernel:0", "basic_lstm_cell/bias:0"], tf.global_variables().Select(v => v.Name));
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var (c, h) = (LSTMStateTuple)state;
            var (c1, h1, o1) = sess.Run((c, h, output));
            LayerAssert.Close(LayerAssert.Doubles(h1), o1, 0);
            var (c2, h2, o2) = sess.Run((c, h, output), new FeedDict { [keep] = 0.5 });
            LayerAssert.Close(LayerAssert.Doubles(c1), c2, 0);
            LayerAssert.Close(LayerAssert.Doubles(o1), o2, 0);
            var (before, after) = (LayerAssert.Doubles(h1), LayerAssert.Doubles(h2));
            Assert.All(Enumerable.Range(0, before.Length), i => Assert.True(after[i] == 0 || Math.Abs(after[i] - (2 * before[i])) < 1e-12, $"h[{i}]"));
            Assert.Contains(after, v => v == 0);
            Assert.Contains(after, v => v != 0);
        }
    }

    [Fact]
    public void ResidualWrapper_adds_the_inputs_to_the_cell_output_and_checks_the_sizes()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.constant(new double[,] { { 1, 2 } });
            var inner = tf.nn.rnn_cell.BasicRNNCell(2);
            var (output, state) = tf.nn.rnn_cell.ResidualWrapper(inner).Call(x, inner.ZeroState(1, tf.float64));
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var (o, s) = sess.Run((output, state.ToTensor()));
            LayerAssert.Close(LayerAssert.Doubles(s).Select((v, i) => v + (i + 1)).ToArray(), o, 1e-12);
            var error = Assert.Throws<GraphException>(() => tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.BasicRNNCell(3)).Call(x, tf.zeros([1, 3], tf.float64)));
            Assert.Contains("depth 2", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ZeroState_takes_a_number_or_a_batch_size_tensor()
    {
        using (new Graph().AsDefault())
        {
            var cell = tf.nn.rnn_cell.BasicLSTMCell(3);
            var (c, h) = (LSTMStateTuple)cell.ZeroState(2, tf.float32);
            Assert.Equal([2, 3], c.Shape.ToArray());
            Assert.StartsWith("BasicLSTMCellZeroState/zeros", c.Op.Name, StringComparison.Ordinal);
            var batch = tf.placeholder(tf.int32, []);
            var dynamic = cell.ZeroState(batch, tf.float32).Flatten();
            Assert.Equal([-1, 3], dynamic[1].Shape.ToArray());
            using var sess = tf.Session();
            var values = sess.Run(dynamic, new FeedDict { [batch] = 4 });
            Assert.All(values, v => Assert.Equal([4, 3], v.Shape.ToArray()));
            Assert.All(values, v => Assert.All(v.ToArray<float>(), z => Assert.Equal(0f, z)));
            Assert.Equal(0f, sess.Run(h).ToArray<float>().Sum());
        }
    }

    [Fact]
    public void A_cell_needs_a_known_input_depth_and_the_state_kind_it_carries()
    {
        using (new Graph().AsDefault())
        {
            var cell = tf.nn.rnn_cell.BasicLSTMCell(3);
            var unknown = tf.placeholder(tf.float32, [2, -1]);
            var error = Assert.Throws<GraphException>(() => cell.Call(unknown, cell.ZeroState(2, tf.float32)));
            Assert.Contains("inputs.shape[-1] to be known", error.Message, StringComparison.Ordinal);
            var wrongState = Assert.Throws<GraphException>(() => cell.Call(tf.zeros([2, 4]), tf.zeros([2, 3])));
            Assert.Contains("LSTMStateTuple", wrongState.Message, StringComparison.Ordinal);
        }
    }

    private static void SetLstmWeights(Session sess)
    {
        var v = tf.global_variables().ToArray();
        Assert.Equal(["basic_lstm_cell/kernel:0", "basic_lstm_cell/bias:0"], v.Select(x => x.Name));
        sess.Run(tf.group(v[0].Assign(tf.constant(Kernel)), v[1].Assign(tf.constant(Bias))));
    }
}
