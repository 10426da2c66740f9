using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Seed 002: an LSTM learns to predict cos(x) from sin(x). Batches are 50 consecutive windows of 20 steps that slide
/// along the curve, and the final LSTM state of one batch is fed as the initial state of the next (truncated
/// backpropagation through time). Input layer 1→10, BasicLSTMCell(10) in tf.nn.dynamic_rnn, output layer 10→1,
/// mean squared error through legacy_seq2seq.sequence_loss_by_example, Adam 0.006; the cost is printed every 20
/// iterations and logged for TensorBoard.
/// </summary>
public static class LstmRegression
{
    private const int TimeSteps = 20, BatchSize = 50, InputSize = 1, OutputSize = 1, CellSize = 10;
    private const double LearningRate = 0.006;

    public static int Run(string[] args)
    {
        _ = Train(args);
        return 0;
    }

    /// <summary>Trains and returns the costs it printed (every 20 iterations).</summary>
    public static IReadOnlyList<float> Train(string[] args)
    {
        int iterations = Paths.IntOption(args, "steps", 200);
        string logs = Paths.Option(args, "logs") ?? Path.Combine(Path.GetTempPath(), "staticgraph-lstm-regression-logs");
        tf.reset_default_graph();
        tf.set_random_seed(1);

        Tensor xs, ys;
        using (tf.name_scope("inputs"))
        {
            xs = tf.placeholder(tf.float32, [-1, TimeSteps, InputSize], name: "xs");
            ys = tf.placeholder(tf.float32, [-1, TimeSteps, OutputSize], name: "ys");
        }

        // Input hidden layer: every step's scalar goes through the same 1 -> 10 dense map.
        Tensor cellInputs;
        using (tf.variable_scope("in_hidden"))
        {
            var wIn = Weight([InputSize, CellSize]);
            var bIn = Bias([CellSize]);
            var flat = tf.reshape(xs, [-1, InputSize], name: "2_2D");
            cellInputs = tf.reshape(tf.matmul(flat, wIn) + bIn, [-1, TimeSteps, CellSize], name: "2_3D");
        }

        BasicLSTMCell cell;
        RnnState initialState, finalState;
        Tensor cellOutputs;
        using (tf.variable_scope("LSTM_cell"))
        {
            cell = tf.nn.rnn_cell.BasicLSTMCell(CellSize, forget_bias: 1.0, state_is_tuple: true);
            initialState = cell.ZeroState(BatchSize, tf.float32);
            (cellOutputs, finalState) = tf.nn.dynamic_rnn(cell, cellInputs, initial_state: initialState, time_major: false);
        }

        Tensor pred;
        using (tf.variable_scope("out_hidden"))
        {
            var wOut = Weight([CellSize, OutputSize]);
            var bOut = Bias([OutputSize]);
            pred = tf.matmul(tf.reshape(cellOutputs, [-1, CellSize], name: "2_2D"), wOut) + bOut;
        }

        Tensor cost;
        using (tf.name_scope("cost"))
        {
            var losses = tf.contrib.legacy_seq2seq.sequence_loss_by_example(
                [tf.reshape(pred, [-1], name: "reshape_pred")], [tf.reshape(ys, [-1], name: "reshape_target")],
                [tf.ones([BatchSize * TimeSteps], dtype: tf.float32)], average_across_timesteps: true,
                softmax_loss_function: (labels, logits) => tf.square(labels - logits, name: "ms_error"), name: "losses");
            cost = tf.div(tf.reduce_sum(losses, name: "losses_sum"), tf.constant((float)BatchSize), name: "average_cost");
            tf.summary.scalar("cost", cost);
        }

        Operation train;
        using (tf.name_scope("train"))
        {
            train = tf.train.AdamOptimizer(LearningRate).Minimize(cost);
        }

        using var sess = tf.Session();
        var merged = tf.summary.merge_all()!;
        using var writer = tf.summary.FileWriter(logs, sess.Graph);
        sess.Run(tf.global_variables_initializer());

        int batchStart = 0;
        NDArray[]? state = null;
        var printed = new List<float>();
        float last = float.NaN;
        for (int i = 0; i < iterations; i++)
        {
            var (seq, res) = Batch(ref batchStart);
            var feed = new FeedDict { [xs] = seq, [ys] = res };
            if (state is not null)
            {
                feed[initialState] = state; // carry the LSTM state from the previous batch
            }

            IFetchable[] fetches = [train, cost, merged, .. finalState.Flatten()];
            var fetched = sess.Run(fetches, feed);
            state = fetched[3..]!;
            last = fetched[1]!.Item<float>();
            if (i % 20 == 0)
            {
                printed.Add(last);
                Console.WriteLine($"cost: {Math.Round(last, 4)}");
                writer.AddSummary(fetched[2]!, i);
            }
        }

        Console.WriteLine($"first printed cost {printed[0]:F4}, final cost {last:F4} ({100 * last / printed[0]:F1}% of the first); TensorBoard logs in {logs}");
        return printed;
    }

    /// <summary>The seed's get_batch: 50 windows of 20 consecutive points x/(10π) starting at the running position,
    /// inputs sin(x), targets cos(x); the position advances by one window.</summary>
    private static (NDArray Seq, NDArray Res) Batch(ref int start)
    {
        var seq = new float[BatchSize * TimeSteps];
        var res = new float[BatchSize * TimeSteps];
        for (int i = 0; i < seq.Length; i++)
        {
            double x = (start + i) / (10 * Math.PI);
            seq[i] = (float)Math.Sin(x);
            res[i] = (float)Math.Cos(x);
        }

        start += TimeSteps;
        return (NDArray.FromArray(seq, BatchSize, TimeSteps, 1), NDArray.FromArray(res, BatchSize, TimeSteps, 1));
    }

    private static Variable Weight(Shape shape) =>
        tf.get_variable("weights", shape, initializer: tf.random_normal_initializer(mean: 0.0, stddev: 1.0));

    private static Variable Bias(Shape shape) =>
        tf.get_variable("biases", shape, initializer: tf.constant_initializer(0.1f));
}
