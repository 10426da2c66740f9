namespace StaticGraph;

// One-argument overloads of the activation functions, so TF1's `activation: tf.nn.relu` compiles as a method group
// (C# does not convert a method with an optional `name` parameter to Func<Tensor, Tensor>).
public static partial class tf
{
    /// <summary>1 / (1 + e⁻ˣ).</summary>
    public static Tensor sigmoid(Tensor x) => sigmoid(x, null);

    /// <summary>tanh x.</summary>
    public static Tensor tanh(Tensor x) => tanh(x, null);

    public static partial class nn
    {
        /// <summary>max(x, 0).</summary>
        public static Tensor relu(Tensor features) => relu(features, null);

        /// <summary>min(max(x, 0), 6).</summary>
        public static Tensor relu6(Tensor features) => relu6(features, null);

        /// <summary>x if x &gt; 0 else eˣ - 1.</summary>
        public static Tensor elu(Tensor features) => elu(features, null);

        /// <summary>Scaled ELU.</summary>
        public static Tensor selu(Tensor features) => selu(features, null);

        /// <summary>max(x, 0.2·x).</summary>
        public static Tensor leaky_relu(Tensor features) => leaky_relu(features, 0.2, null);

        /// <summary>ln(1 + eˣ).</summary>
        public static Tensor softplus(Tensor features) => softplus(features, null);

        /// <summary>x / (1 + |x|).</summary>
        public static Tensor softsign(Tensor features) => softsign(features, null);

        /// <summary>1 / (1 + e⁻ˣ).</summary>
        public static Tensor sigmoid(Tensor x) => sigmoid(x, null);

        /// <summary>tanh x.</summary>
        public static Tensor tanh(Tensor x) => tanh(x, null);

        /// <summary>Softmax over the last axis.</summary>
        public static Tensor softmax(Tensor logits) => softmax(logits, -1, null);
    }
}
