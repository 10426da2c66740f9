using StaticGraph.Layers;
using StaticGraph.Ops;
using StaticGraph.Train;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>TF1's <c>tf.contrib</c> aliases.</summary>
    public static partial class contrib
    {
        /// <summary><c>tf.contrib.layers</c>: forwards onto the tf.layers implementations with contrib's defaults and
        /// variable names (<c>fully_connected/weights</c>, <c>Conv/biases</c>; relu by default; variables also in
        /// MODEL_VARIABLES).</summary>
        public static partial class layers
        {
            /// <summary>scale · l2_loss(w) = scale · Σ w² / 2 (none for scale 0).</summary>
            public static Regularizer l2_regularizer(double scale, string? scope = null) => Regularizers.L2(scale, scope);

            /// <summary>scale · Σ |w| (none for scale 0).</summary>
            public static Regularizer l1_regularizer(double scale, string? scope = null) => Regularizers.L1(scale, scope);

            /// <summary>Glorot/Xavier: U(±√(6/(fan_in + fan_out))) or a truncated normal of variance 2/(fan_in + fan_out).</summary>
            public static Initializer xavier_initializer(bool uniform = true, int? seed = null) =>
                uniform ? Initializers.GlorotUniform(seed) : Initializers.GlorotNormal(seed);

            /// <summary>activation_fn(inputs · weights + biases); relu unless <paramref name="activation_fn"/> is given
            /// (pass <c>x => x</c> for none), variables <c>fully_connected/weights</c> and <c>fully_connected/biases</c>.</summary>
            public static Tensor fully_connected(Tensor inputs, int num_outputs, Func<Tensor, Tensor>? activation_fn = null,
                Initializer? weights_initializer = null, Regularizer? weights_regularizer = null, Initializer? biases_initializer = null,
                Regularizer? biases_regularizer = null, VariableReuse? reuse = null, bool trainable = true, string? scope = null) =>
                Dense.Apply(inputs, num_outputs, activation_fn ?? Relu, true, weights_initializer, biases_initializer, weights_regularizer,
                    biases_regularizer, trainable, scope, reuse, Dense.Naming.Contrib);

            /// <summary>activation_fn(conv2d(inputs, weights) + biases) with "SAME" padding and relu by default; variables
            /// <c>Conv/weights</c> and <c>Conv/biases</c>.</summary>
            public static Tensor conv2d(Tensor inputs, int num_outputs, IntTuple kernel_size, IntTuple stride = default, string padding = "SAME",
                string data_format = "NHWC", IntTuple rate = default, Func<Tensor, Tensor>? activation_fn = null,
                Initializer? weights_initializer = null, Regularizer? weights_regularizer = null, Initializer? biases_initializer = null,
                Regularizer? biases_regularizer = null, VariableReuse? reuse = null, bool trainable = true, string? scope = null) =>
                Conv2D.Apply(inputs, num_outputs, kernel_size, stride, padding, data_format == "NCHW" ? "channels_first" : "channels_last", rate,
                    activation_fn ?? Relu, true, weights_initializer, biases_initializer, weights_regularizer, biases_regularizer, trainable, scope,
                    reuse, Conv2D.Naming.Contrib);

            /// <summary>[batch, d1, d2, ...] -> [batch, d1·d2·...] in the scope <c>Flatten</c>.</summary>
            public static Tensor flatten(Tensor inputs, string? scope = null) => Flatten.Apply(inputs, scope, contrib: true);

            private static Tensor Relu(Tensor x) => NnOps.Relu(x, "Relu");
        }
    }
}
