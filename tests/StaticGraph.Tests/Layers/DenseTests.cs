namespace StaticGraph.Tests.Layers;

/// <summary>tf.layers.dense and tf.contrib.layers.fully_connected against TF1's names, defaults, reuse rules and
/// hand-computed outputs.</summary>
public class DenseTests
{
    private static readonly float[,] K = { { 1, 2 }, { 3, 4 }, { 5, 6 } };

    [Fact]
    public void Dense_creates_TF1_named_variables_in_creation_order()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3], name: "x");
            var h = tf.layers.dense(x, 4, activation: t => tf.nn.relu(t));
            var y = tf.layers.dense(h, 2);
            Assert.Equal(["dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0"], tf.trainable_variables().Select(v => v.Name));
            Assert.Equal([3, 4], tf.trainable_variables().First().Shape.ToArray());
            Assert.Equal("dense/Relu", h.Op.Name);
            Assert.Equal("dense_1/BiasAdd", y.Op.Name);
            Assert.Equal("dense/MatMul", h.Op.Inputs[0].Op.Inputs[0].Op.Name);
            Assert.Equal([-1, 2], y.Shape.ToArray());
        }
    }

    [Fact]
    public void Dense_kernel_is_glorot_uniform_and_bias_zeros()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 30]);
            tf.layers.dense(x, 50);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var vars = tf.trainable_variables().ToArray();
            var kernel = sess.Run(vars[0]).ToArray<float>();
            double limit = Math.Sqrt(6.0 / (30 + 50));
            Assert.All(kernel, k => Assert.True(Math.Abs(k) <= limit));
            Assert.True(kernel.Max() > limit / 2 && kernel.Min() < -limit / 2, "the draws should spread over the interval");
            Assert.All(sess.Run(vars[1]).ToArray<float>(), b => Assert.Equal(0f, b));
        }
    }

    [Fact]
    public void Dense_computes_activation_of_x_times_kernel_plus_bias()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.constant(new float[,] { { 1, 1, 1 }, { 1, 0, -1 } });
            var y = tf.layers.dense(x, 2, activation: t => tf.nn.relu(t), kernel_initializer: tf.constant_initializer(K),
                bias_initializer: tf.constant_initializer(new float[] { 0.5f, -1 }));
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            LayerAssert.Close([9.5, 11, 0, 0], sess.Run(y)); // [9, 12] + b, relu([-4, -4] + b)
        }
    }

    [Fact]
    public void Dense_on_rank_3_inputs_applies_the_kernel_to_the_last_axis()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.constant(new float[,,] { { { 1, 1, 1 }, { 1, 0, -1 } }, { { 0, 1, 0 }, { 2, 0, 0 } } });
            var y = tf.layers.dense(x, 2, kernel_initializer: tf.constant_initializer(K), use_bias: false);
            Assert.Equal([2, 2, 2], y.Shape.ToArray());
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            LayerAssert.Close([9, 12, -4, -4, 3, 4, 2, 4], sess.Run(y));
        }
    }

    [Fact]
    public void Dense_with_reuse_shares_variables_and_without_creates_new_ones()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3]);
            tf.layers.dense(x, 4, name: "dense");
            var shared = tf.layers.dense(x, 4, name: "dense", reuse: true);
            Assert.Equal(2, tf.trainable_variables().Count());
            Assert.StartsWith("dense_1/", shared.Op.Name, StringComparison.Ordinal); // TF1: a new name scope for the ops
            tf.layers.dense(x, 4);
            Assert.Equal(["dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0"], tf.trainable_variables().Select(v => v.Name));
            var e = Assert.Throws<GraphException>(() => tf.layers.dense(x, 4, name: "missing", reuse: true));
            Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dense_in_a_reentered_reusing_variable_scope_finds_its_variables()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3]);
            using (tf.variable_scope("model"))
            {
                tf.layers.dense(x, 2);
            }

            using (tf.variable_scope("model", reuse: true))
            {
                tf.layers.dense(x, 2);
            }

            Assert.Equal(["model/dense/kernel:0", "model/dense/bias:0"], tf.trainable_variables().Select(v => v.Name));
        }
    }

    [Fact]
    public void Kernel_regularizer_adds_scale_times_l2_loss_to_the_regularization_losses()
    {
        using (new Graph().AsDefault())
        {
            using (var empty = tf.Session())
            {
                Assert.Equal(0f, empty.Run(tf.losses.get_regularization_loss()).Item<float>());
            }

            var x = tf.placeholder(tf.float32, [-1, 3]);
            tf.layers.dense(x, 2, kernel_initializer: tf.constant_initializer(K), kernel_regularizer: tf.contrib.layers.l2_regularizer(0.1));
            tf.layers.dense(x, 2, kernel_initializer: tf.constant_initializer(K), kernel_regularizer: tf.contrib.layers.l1_regularizer(0.5));
            var losses = tf.losses.get_regularization_losses();
            Assert.Equal(["dense/kernel/Regularizer/l2_regularizer:0", "dense_1/kernel/Regularizer/l1_regularizer:0"], losses.Select(l => l.Name));
            var total = tf.losses.get_regularization_loss();
            Assert.Equal("total_regularization_loss:0", total.Name);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            LayerAssert.Close(4.55, sess.Run(losses[0])); // 0.1 · 91 / 2
            LayerAssert.Close(10.5, sess.Run(losses[1])); // 0.5 · 21
            LayerAssert.Close(15.05, sess.Run(total));
            Assert.Equal(15.05, sess.Run(tf.losses.get_total_loss()).Item<float>(), 4);
        }
    }

    [Fact]
    public void Contrib_fully_connected_uses_weights_and_biases_and_relu()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.constant(new float[,] { { 1, 1, 1 }, { 1, 0, -1 } });
            var y = tf.contrib.layers.fully_connected(x, 2, weights_initializer: tf.constant_initializer(K));
            Assert.Equal(["fully_connected/weights:0", "fully_connected/biases:0"], tf.trainable_variables().Select(v => v.Name));
            Assert.Equal(2, tf.get_default_graph().GetCollection<Variable>(tf.GraphKeys.MODEL_VARIABLES).Count);
            Assert.Equal("fully_connected/Relu", y.Op.Name);
            var e = Assert.Throws<GraphException>(() => tf.contrib.layers.fully_connected(x, 2, scope: "fully_connected"));
            Assert.Contains("already exists", e.Message, StringComparison.Ordinal);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            LayerAssert.Close([9, 12, 0, 0], sess.Run(y));
        }
    }
}
