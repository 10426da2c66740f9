namespace StaticGraph.Tests.Rnn;

/// <summary>The cells are composites, so their gradients are the ops' own; these checks confirm that they compose:
/// a three-step float64 static_rnn and dynamic_rnn per cell, differentiated against central differences with respect to its inputs,
/// its initial state and each of its variables.</summary>
public class RnnGradientTests
{
    private const int Steps = 3, Batch = 2, Depth = 3, Units = 3;

    // Central differences with TF's delta 1e-3 carry a truncation error of order |f'''| delta² / 6, about 1e-6 for
    // these unseeded (Glorot) weights, so 1e-6 would be flaky; a wrong rule is off by far more.
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Cells => new(["BasicRNNCell", "BasicLSTMCell", "BasicLSTMCell(state_is_tuple: false)", "LSTMCell(peepholes, clip, projection)",
        "GRUCell", "MultiRNNCell(BasicLSTMCell, GRUCell)", "ResidualWrapper(GRUCell)", "DropoutWrapper(BasicLSTMCell, keep 1)"]);

    [Theory]
    [MemberData(nameof(Cells))]
    public void Static_rnn_gradients_match_finite_differences(string kind) =>
        CheckGradients(kind, [Steps, Batch, Depth], (cell, x, initial) =>
        {
            var (outputs, state) = tf.nn.static_rnn(cell, tf.unstack(x, Steps, axis: 0), initial_state: initial);
            return [.. outputs, .. state.Flatten()];
        });

    /// <summary>The same cells inside tf.while_loop: gradients through the loop, its accumulators and the lifted
    /// variables.</summary>
    [Theory]
    [MemberData(nameof(Cells))]
    public void Dynamic_rnn_gradients_match_finite_differences(string kind) =>
        CheckGradients(kind, [Batch, Steps, Depth], (cell, x, initial) =>
        {
            var (outputs, state) = tf.nn.dynamic_rnn(cell, x, initial_state: initial);
            return [outputs, .. state.Flatten()];
        });

    /// <summary>Builds <paramref name="run"/> over float64 inputs of <paramref name="inputShape"/> and a random initial
    /// state, and checks the gradient of all its results (flattened) with respect to the inputs, the initial state and
    /// every variable against central differences.</summary>
    private static void CheckGradients(string kind, int[] inputShape, Func<RNNCell, Tensor, RnnState, Tensor[]> run)
    {
        using (new Graph().AsDefault())
        {
            tf.set_random_seed(7); // fixed glorot draws: the check looks at one point, the same every run
            var random = new Random(kind.Length);
            var x = tf.placeholder_with_default(tf.constant(RandomArray(random, Steps * Batch * Depth), shape: inputShape), inputShape);
            var cell = Make(kind);
            var zero = cell.ZeroState(Batch, tf.float64);
            var initial = zero.Pack([.. zero.Flatten().Select(t => tf.placeholder_with_default(tf.constant(RandomArray(random, (int)t.Shape.NumElements), shape: t.Shape), t.Shape))]);
            var results = run(cell, x, initial);
            var y = tf.concat([.. results.Select(t => tf.reshape(t, [-1]))], 0);
            int ySize = results.Sum(t => (int)t.Shape.NumElements);
            Assert.True(ySize > 0);

            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            using (sess.AsDefault())
            {
                var checks = new List<(string Name, Tensor X)> { ("inputs", x) };
                checks.AddRange(initial.Flatten().Select((t, i) => ($"initial state {i}", t)));
                checks.AddRange(tf.trainable_variables().Select(v => (v.Name, v.Value)));
                Assert.True(checks.Count > 3, "the cell should have variables");
                foreach (var (name, tensor) in checks)
                {
                    double error = tf.test.compute_gradient_error(tensor, tensor.Shape, y, [ySize], x_init_value: sess.Run(tensor));
                    Assert.True(error < Tolerance, $"{kind}: gradient error {error} with respect to {name}");
                }
            }
        }
    }

    private static RNNCell Make(string kind) => kind switch
    {
        "BasicRNNCell" => tf.nn.rnn_cell.BasicRNNCell(Units),
        "BasicLSTMCell" => tf.nn.rnn_cell.BasicLSTMCell(Units),
        "BasicLSTMCell(state_is_tuple: false)" => tf.nn.rnn_cell.BasicLSTMCell(Units, forget_bias: 0.5, state_is_tuple: false),
        "LSTMCell(peepholes, clip, projection)" => tf.nn.rnn_cell.LSTMCell(Units, use_peepholes: true, cell_clip: 50, num_proj: 2, proj_clip: 50),
        "GRUCell" => tf.nn.rnn_cell.GRUCell(Units),
        "MultiRNNCell(BasicLSTMCell, GRUCell)" => tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(Units), tf.nn.rnn_cell.GRUCell(2)]),
        "ResidualWrapper(GRUCell)" => tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.GRUCell(Depth)),
        "DropoutWrapper(BasicLSTMCell, keep 1)" => tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(Units),
            output_keep_prob: tf.constant(1.0), state_keep_prob: tf.constant(1.0)),
        _ => throw new ArgumentException(kind, nameof(kind)),
    };

    private static double[] RandomArray(Random random, int n) => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2) - 1)];
}
