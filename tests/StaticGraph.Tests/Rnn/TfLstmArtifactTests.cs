using StaticGraph.Tests.IO;
using StaticGraph.Tests.Layers;

namespace StaticGraph.Tests.Rnn;

/// <summary>The tf2onnx-lstm frozen graph (real TF: BasicLSTMCell(128) unrolled by tf.nn.static_rnn over 28 rows of an
/// MNIST image, then a 128→10 dense layer) against the same model built with our cells and its constants.</summary>
public class TfLstmArtifactTests
{
    private const int Batch = 3;

    [Fact]
    public void Our_static_rnn_BasicLSTMCell_reproduces_the_outputs_of_TFs_frozen_LSTM()
    {
        var graphDef = Tensorflow.GraphDef.Parser.ParseFrom(File.ReadAllBytes(TfArtifacts.PathOf("tf2onnx-lstm/frozen.pb")));
        var random = new Random(20180315);
        var x = new float[Batch, 784];
        for (int i = 0; i < Batch; i++)
        {
            for (int j = 0; j < 784; j++)
            {
                x[i, j] = (float)random.NextDouble();
            }
        }

        var tfGraph = new Graph();
        NDArray expected, kernel, bias, w1, b1;
        using (tfGraph.AsDefault())
        {
            tf.import_graph_def(graphDef, name: "");
            using var sess = tf.Session();
            // keep_prob 1 makes the graph's dropout the identity (floor(1 + U[0, 1)) = 1).
            expected = sess.Run(tfGraph.GetTensorByName("output:0"), new FeedDict { ["X:0"] = x, ["keep_prob:0"] = 1f });
            (kernel, bias, w1, b1) = sess.Run((tfGraph.GetTensorByName("rnn/basic_lstm_cell/kernel:0"), tfGraph.GetTensorByName("rnn/basic_lstm_cell/bias:0"),
                tfGraph.GetTensorByName("model/w1:0"), tfGraph.GetTensorByName("model/b1:0")));
        }

        Assert.Equal([156, 512], kernel.Shape.ToArray());
        Assert.Equal([Batch, 10], expected.Shape.ToArray());
        Assert.True(LayerAssert.Doubles(expected).Max(Math.Abs) > 0.5, "the logits should be far from zero for the comparison to mean something");
        using (new Graph().AsDefault())
        {
            var X = tf.placeholder(tf.float32, [-1, 784], name: "X");
            var rows = tf.unstack(tf.reshape(X, [-1, 28, 28]), 28, axis: 1);
            var cell = tf.nn.rnn_cell.BasicLSTMCell(128);
            var (outputs, state) = tf.nn.static_rnn(cell, rows, dtype: tf.float32);
            var output = tf.matmul(outputs[^1], tf.constant(w1)) + tf.constant(b1);
            Assert.Equal(["rnn/basic_lstm_cell/kernel:0", "rnn/basic_lstm_cell/bias:0"], tf.global_variables().Select(v => v.Name));
            var vars = tf.global_variables().ToArray();
            using var sess = tf.Session();
            sess.Run(tf.group(vars[0].Assign(tf.constant(kernel)), vars[1].Assign(tf.constant(bias))));
            var actual = sess.Run(output, new FeedDict { [X] = x });
            LayerAssert.Close(LayerAssert.Doubles(expected), actual, 1e-4);
            Assert.Same(outputs[^1], ((LSTMStateTuple)state).h);
        }
    }
}
