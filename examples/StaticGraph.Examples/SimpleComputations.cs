namespace StaticGraph.Examples;

/// <summary>
/// Port of the "simple computations" program of "Hands-on Deep Learning with TensorFlow" (chapter 1): constants,
/// elementwise and matrix products, variables, and feeding an intermediate tensor.
/// </summary>
public static class SimpleComputations
{
    public static int Run(string[] args)
    {
        _ = args;
        tf.reset_default_graph();

        // Build a graph: c = a + b, d = a * b.
        var a = tf.constant(1);
        var b = tf.constant(2);
        var c = a + b;
        var d = a * b;

        // Rank 1 to 3 constants.
        var V1 = tf.constant(new[] { 1.0f, 2.0f });
        var V2 = tf.constant(new[] { 3.0f, 4.0f });
        var M = tf.constant(new[,] { { 1.0f, 2.0f } });
        var N = tf.constant(new[,] { { 1.0f, 2.0f }, { 3.0f, 4.0f } });
        var K = tf.constant(new[,,] { { { 1.0f, 2.0f }, { 3.0f, 4.0f } } });

        var V3 = V1 + V2;
        var M2 = M * M;               // elementwise: [[1, 4]]
        var NN = tf.matmul(N, N);     // matrix product: [[7, 10], [15, 22]]

        using var sess = tf.Session();
        Console.WriteLine($"c = a + b = {sess.Run(c)}");
        Console.WriteLine($"d = a * b = {sess.Run(d)}");
        Console.WriteLine($"V1 + V2 =\n{sess.Run(V3)}");
        Console.WriteLine($"M * M =\n{sess.Run(M2)}");
        Console.WriteLine($"matmul(N, N) =\n{sess.Run(NN)}");
        Console.WriteLine($"K (rank {K.Shape.Rank}, shape {K.Shape}) =\n{sess.Run(K)}");

        // A variable with an initializer.
        var W = tf.Variable(tf.zeros([2]), name: "W");
        sess.Run(tf.global_variables_initializer());
        Console.WriteLine($"W after init = {sess.Run(W)}");

        // Feeding an intermediate tensor: E = d + b is 4, but with d fed as 4 it is 6.
        var E = d + b;
        Console.WriteLine($"E = d + b = {sess.Run(E)}");
        Console.WriteLine($"E with d fed as 4 = {sess.Run(E, new FeedDict { [d] = 4 })}");

        // `W += a` in TF1 rebinds the Python name to a new tensor; the variable is unchanged.
        var ones = tf.ones([2]);
        Tensor Wplus = W;
        Wplus += ones;
        Console.WriteLine($"Wplus = W + 1 (a new tensor '{Wplus.Name}') = {sess.Run(Wplus)}; W is still {sess.Run(W)}");

        // AssignAdd updates the variable itself, and the change persists across runs.
        var update = W.AssignAdd(ones);
        sess.Run(update);
        sess.Run(update);
        Console.WriteLine($"W after two AssignAdd runs = {sess.Run(W)}");
        return 0;
    }
}
