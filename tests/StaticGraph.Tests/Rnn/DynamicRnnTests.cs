namespace StaticGraph.Tests.Rnn;

public class DynamicRnnTests
{
    [Fact]
    public void Dynamic_rnn_matches_static_rnn_with_the_same_cell()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float64, [2, 4, 3]);
            var cell = tf.nn.rnn_cell.BasicLSTMCell(5);
            var (staticOutputs, staticState) = tf.nn.static_rnn(cell, tf.unstack(x, 4, axis: 1), dtype: tf.float64);
            var (outputs, state) = tf.nn.dynamic_rnn(cell, x, dtype: tf.float64);
            Assert.Equal(new Shape(2, 4, 5), outputs.Shape);
            Assert.Equal(["rnn/basic_lstm_cell/kernel:0", "rnn/basic_lstm_cell/bias:0"], tf.global_variables().Select(v => v.Name).ToArray());
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var feed = new FeedDict { [x] = Values(2 * 4 * 3, 2, 4, 3) };
            var expected = sess.Run(tf.stack(staticOutputs, axis: 1), feed).ToArray<double>();
            var actual = sess.Run(outputs, feed).ToArray<double>();
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 12);
            }

            var (c, h) = (LSTMStateTuple)state;
            var (sc, sh) = (LSTMStateTuple)staticState;
            Assert.Equal(sess.Run(sc, feed).ToArray<double>(), sess.Run(c, feed).ToArray<double>());
            Assert.Equal(sess.Run(sh, feed).ToArray<double>(), sess.Run(h, feed).ToArray<double>());
        }
    }

    [Fact]
    public void Dynamic_rnn_runs_as_many_steps_as_the_fed_sequence_has()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [1, -1, 1]);
            var cell = tf.nn.rnn_cell.BasicRNNCell(1, activation: t => t);
            var (outputs, state) = tf.nn.dynamic_rnn(cell, x, dtype: tf.float32);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            foreach (int steps in new[] { 1, 7, 300 })
            {
                var o = sess.Run(outputs, new FeedDict { [x] = NDArray.FromArray(new float[steps], 1, steps, 1) });
                Assert.Equal(new Shape(1, steps, 1), o.Shape);
            }
        }
    }

    [Fact]
    public void Sequence_length_zeroes_outputs_and_keeps_the_state_past_each_rows_end()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float64, [2, 3, 1]);
            var cell = tf.nn.rnn_cell.BasicRNNCell(1, activation: t => t);
            var (outputs, state) = tf.nn.dynamic_rnn(cell, x, sequence_length: tf.constant(new[] { 1, 3 }), dtype: tf.float64);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var feed = new FeedDict { [x] = Values(6, 2, 3, 1) };
            var o = sess.Run(outputs, feed);
            var s = sess.Run((Tensor)state, feed);
            Assert.Equal(0.0, o.GetValue<double>(0, 1, 0));
            Assert.Equal(0.0, o.GetValue<double>(0, 2, 0));
            Assert.Equal(o.GetValue<double>(0, 0, 0), s.GetValue<double>(0, 0));
            Assert.Equal(o.GetValue<double>(1, 2, 0), s.GetValue<double>(1, 0));
        }
    }

    [Fact]
    public void A_final_lstm_state_feeds_back_as_the_next_initial_state()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [3, 5, 2]);
            var cell = tf.nn.rnn_cell.BasicLSTMCell(4);
            var init = cell.ZeroState(3, tf.float32);
            var (outputs, state) = tf.nn.dynamic_rnn(cell, x, initial_state: init);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var xs = Values(30, 3, 5, 2).AsType(tf.float32);
            var first = sess.Run(state.Flatten(), new FeedDict { [x] = xs });
            // Feeding the fetched state tuple continues the sequence: two halves equal one run over both.
            var feed = new FeedDict { [x] = xs };
            for (int i = 0; i < first.Length; i++)
            {
                feed[init.Flatten()[i]] = first[i];
            }

            var carried = sess.Run(state.Flatten()[1], feed).ToArray<float>();
            var fresh = sess.Run(state.Flatten()[1], new FeedDict { [x] = xs }).ToArray<float>();
            Assert.NotEqual(fresh, carried);
        }
    }

    [Fact]
    public void Bidirectional_dynamic_rnn_reverses_the_backward_pass_per_row()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float64, [2, 3, 1]);
            var fw = tf.nn.rnn_cell.BasicRNNCell(1, activation: t => t);
            var bw = tf.nn.rnn_cell.BasicRNNCell(1, activation: t => t);
            var ((outFw, outBw), _) = tf.nn.bidirectional_dynamic_rnn(fw, bw, x, sequence_length: tf.constant(new[] { 2, 3 }), dtype: tf.float64);
            Assert.Contains("bidirectional_rnn/fw/basic_rnn_cell/kernel:0", tf.global_variables().Select(v => v.Name));
            Assert.Contains("bidirectional_rnn/bw/basic_rnn_cell/kernel:0", tf.global_variables().Select(v => v.Name));
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var (f, b) = sess.Run((outFw, outBw), new FeedDict { [x] = Values(6, 2, 3, 1) });
            Assert.Equal(new Shape(2, 3, 1), b.Shape);
            Assert.Equal(0.0, f.GetValue<double>(0, 2, 0));
            Assert.Equal(0.0, b.GetValue<double>(0, 2, 0)); // row 0 has length 2: position 2 is padding both ways
        }
    }

    [Fact]
    public void Dynamic_rnn_without_a_state_or_dtype_says_which_is_missing()
    {
        using (new Graph().AsDefault())
        {
            var e = Assert.Throws<ArgumentException>(() => tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), tf.placeholder(tf.float32, [1, 2, 3])));
            Assert.Contains("dtype", e.Message, StringComparison.Ordinal);
        }
    }

    private static NDArray Values(int n, params int[] shape) =>
        NDArray.FromArray(Enumerable.Range(0, n).Select(i => Math.Sin(i + 1)).ToArray(), shape);
}
