namespace StaticGraph.Tests.Layers;

/// <summary>tf.layers.conv2d, conv2d_transpose, pooling and flatten: TF1's names, output sizes and hand-computed values.</summary>
public class ConvLayerTests
{
    private static Tensor Image3x3() => tf.constant(NDArray.FromArray(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 1, 3, 3, 1));

    [Fact]
    public void Conv2d_names_and_output_shapes_follow_TF1()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 5, 5, 2]);
            var valid = tf.layers.conv2d(x, 4, 3);
            var same = tf.layers.conv2d(x, 4, [3, 3], strides: 2, padding: "same");
            Assert.Equal(["conv2d/kernel:0", "conv2d/bias:0", "conv2d_1/kernel:0", "conv2d_1/bias:0"], tf.trainable_variables().Select(v => v.Name));
            Assert.Equal([3, 3, 2, 4], tf.trainable_variables().First().Shape.ToArray());
            Assert.Equal([-1, 3, 3, 4], valid.Shape.ToArray());
            Assert.Equal([-1, 3, 3, 4], same.Shape.ToArray());
            Assert.Equal("conv2d/BiasAdd", valid.Op.Name);
            Assert.Equal("conv2d/Conv2D", valid.Op.Inputs[0].Op.Name);
        }
    }

    [Fact]
    public void Conv2d_sums_each_window_times_the_kernel_plus_bias()
    {
        using (new Graph().AsDefault())
        {
            var y = tf.layers.conv2d(Image3x3(), 1, 2, kernel_initializer: tf.ones_initializer(), bias_initializer: tf.constant_initializer(1f));
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            LayerAssert.Close([13, 17, 25, 29], sess.Run(y)); // 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9, each + 1
        }
    }

    [Fact]
    public void Contrib_conv2d_uses_Conv_scope_same_padding_and_relu()
    {
        using (new Graph().AsDefault())
        {
            var y = tf.contrib.layers.conv2d(Image3x3(), 2, 3, weights_initializer: tf.constant_initializer(-1f));
            Assert.Equal(["Conv/weights:0", "Conv/biases:0"], tf.trainable_variables().Select(v => v.Name));
            Assert.Equal([1, 3, 3, 2], y.Shape.ToArray());
            Assert.Equal("Conv/Relu", y.Op.Name);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            Assert.All(sess.Run(y).ToArray<float>(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Conv2d_transpose_has_TF1_output_sizes_and_kernel_layout()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 2, 2, 1]);
            Assert.Equal([-1, 4, 4, 3], tf.layers.conv2d_transpose(x, 3, 2, strides: 2).Shape.ToArray());
            Assert.Equal([-1, 5, 5, 3], tf.layers.conv2d_transpose(x, 3, 3, strides: 2).Shape.ToArray()); // 2·2 + (3 - 2)
            Assert.Equal([-1, 4, 4, 3], tf.layers.conv2d_transpose(x, 3, 3, strides: 2, padding: "same").Shape.ToArray());
            Assert.Equal("conv2d_transpose/kernel:0", tf.trainable_variables().First().Name);
            Assert.Equal([2, 2, 3, 1], tf.trainable_variables().First().Shape.ToArray());
        }
    }

    [Fact]
    public void Conv2d_transpose_spreads_each_input_over_the_kernel()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.constant(NDArray.FromArray(new float[] { 2, 3 }, 1, 1, 2, 1));
            var y = tf.layers.conv2d_transpose(x, 1, 2, kernel_initializer: tf.ones_initializer(), use_bias: false);
            Assert.Equal([1, 2, 3, 1], y.Shape.ToArray());
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            LayerAssert.Close([2, 5, 3, 2, 5, 3], sess.Run(y));
        }
    }

    [Fact]
    public void Pooling_layers_take_the_max_and_the_mean_of_each_window()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.constant(NDArray.FromArray(Enumerable.Range(0, 16).Select(i => (float)i).ToArray(), 1, 4, 4, 1));
            var max = tf.layers.max_pooling2d(x, 2, 2);
            var avg = tf.layers.average_pooling2d(x, [2, 2], [2, 2]);
            Assert.Equal("max_pooling2d/MaxPool", max.Op.Name);
            Assert.Equal("average_pooling2d/AvgPool", avg.Op.Name);
            using var sess = tf.Session();
            LayerAssert.Close([5, 7, 13, 15], sess.Run(max));
            LayerAssert.Close([2.5, 4.5, 10.5, 12.5], sess.Run(avg));
        }
    }

    [Fact]
    public void Flatten_keeps_the_static_feature_size()
    {
        using (new Graph().AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 2, 3]);
            var y = tf.layers.flatten(x);
            Assert.Equal([-1, 6], y.Shape.ToArray());
            Assert.Equal("flatten/Reshape", y.Op.Name);
            using var sess = tf.Session();
            var v = sess.Run(y, new FeedDict { [x] = new float[,,] { { { 1, 2, 3 }, { 4, 5, 6 } } } });
            Assert.Equal([1, 6], v.Shape.ToArray());
            Assert.Equal("Flatten_1/Reshape", tf.contrib.layers.flatten(x).Op.Name); // name scopes compare case-insensitively, as in TF1
        }
    }
}
