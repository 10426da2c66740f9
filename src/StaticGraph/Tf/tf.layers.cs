using StaticGraph.Layers;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>TF1's functional layers (<c>tf.layers.*</c>): each call creates (or, with <c>reuse</c>, finds) its
    /// variables with <c>tf.get_variable</c> in a variable scope named after the layer (<c>dense</c>, <c>dense_1</c>, ...)
    /// and builds its ops in the name scope of the same name.</summary>
    public static partial class layers
    {
        /// <summary>activation(inputs · kernel + bias); kernel [in, units] (glorot_uniform), bias [units] (zeros).</summary>
        public static Tensor dense(Tensor inputs, int units, Func<Tensor, Tensor>? activation = null, bool use_bias = true,
            Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
            Regularizer? bias_regularizer = null, bool trainable = true, string? name = null, VariableReuse? reuse = null) =>
            Dense.Apply(inputs, units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
                trainable, name, reuse, Dense.Naming.Layers);

        /// <summary>activation(conv2d(inputs, kernel) + bias); kernel [kh, kw, in, filters] (glorot_uniform).</summary>
        public static Tensor conv2d(Tensor inputs, int filters, IntTuple kernel_size, IntTuple strides = default, string padding = "valid",
            string data_format = "channels_last", IntTuple dilation_rate = default, Func<Tensor, Tensor>? activation = null, bool use_bias = true,
            Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
            Regularizer? bias_regularizer = null, bool trainable = true, string? name = null, VariableReuse? reuse = null) =>
            Conv2D.Apply(inputs, filters, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias, kernel_initializer,
                bias_initializer, kernel_regularizer, bias_regularizer, trainable, name, reuse, Conv2D.Naming.Layers);

        /// <summary>The transposed convolution (Conv2DBackpropInput) + bias; kernel [kh, kw, filters, in].</summary>
        public static Tensor conv2d_transpose(Tensor inputs, int filters, IntTuple kernel_size, IntTuple strides = default, string padding = "valid",
            string data_format = "channels_last", Func<Tensor, Tensor>? activation = null, bool use_bias = true,
            Initializer? kernel_initializer = null, Initializer? bias_initializer = null, Regularizer? kernel_regularizer = null,
            Regularizer? bias_regularizer = null, bool trainable = true, string? name = null, VariableReuse? reuse = null) =>
            Conv2D.Transpose(inputs, filters, kernel_size, strides, padding, data_format, activation, use_bias, kernel_initializer,
                bias_initializer, kernel_regularizer, bias_regularizer, trainable, name, reuse);

        /// <summary>The maximum over pool_size windows moved by strides.</summary>
        public static Tensor max_pooling2d(Tensor inputs, IntTuple pool_size, IntTuple strides, string padding = "valid",
            string data_format = "channels_last", string? name = null) =>
            Pooling.Apply(true, inputs, pool_size, strides, padding, data_format, name);

        /// <summary>The mean over pool_size windows moved by strides ("same" windows average only their valid part).</summary>
        public static Tensor average_pooling2d(Tensor inputs, IntTuple pool_size, IntTuple strides, string padding = "valid",
            string data_format = "channels_last", string? name = null) =>
            Pooling.Apply(false, inputs, pool_size, strides, padding, data_format, name);

        /// <summary>[batch, d1, d2, ...] -> [batch, d1·d2·...].</summary>
        public static Tensor flatten(Tensor inputs, string? name = null) => Flatten.Apply(inputs, name);

        /// <summary>In training, x / (1 - rate) with probability 1 - rate, else 0; otherwise x. <paramref name="training"/>
        /// is a bool or a bool tensor.</summary>
        public static Tensor dropout(Tensor inputs, double rate = 0.5, int[]? noise_shape = null, int? seed = null,
            TrainingFlag training = default, string? name = null) =>
            Dropout.Apply(inputs, rate, noise_shape, seed, training, name);

        /// <summary>gamma·(x - mean)/√(variance + epsilon) + beta with batch statistics in training (moving-average
        /// updates in <c>tf.GraphKeys.UPDATE_OPS</c>) and the moving averages otherwise.</summary>
        public static Tensor batch_normalization(Tensor inputs, int axis = -1, double momentum = 0.99, double epsilon = 0.001, bool center = true,
            bool scale = true, Initializer? beta_initializer = null, Initializer? gamma_initializer = null,
            Initializer? moving_mean_initializer = null, Initializer? moving_variance_initializer = null, Regularizer? beta_regularizer = null,
            Regularizer? gamma_regularizer = null, TrainingFlag training = default, bool trainable = true, string? name = null,
            VariableReuse? reuse = null, bool? fused = null) =>
            BatchNormalization.Apply(inputs, training, new(axis, momentum, epsilon, center, scale, beta_initializer, gamma_initializer,
                moving_mean_initializer, moving_variance_initializer, beta_regularizer, gamma_regularizer, trainable, name, reuse, fused));
    }
}
