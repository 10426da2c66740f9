using StaticGraph.Ops;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>Neural-network ops (<c>tf.nn.*</c>).</summary>
    public static partial class nn
    {
        /// <summary>max(x, 0).</summary>
        public static Tensor relu(Tensor features, string? name = null) => NnOps.Relu(features, name);

        /// <summary>1 / (1 + e⁻ˣ).</summary>
        public static Tensor sigmoid(Tensor x, string? name = null) => NnOps.Sigmoid(x, name);

        /// <summary>tanh x.</summary>
        public static Tensor tanh(Tensor x, string? name = null) => NnOps.Tanh(x, name);

        /// <summary>e^x_i / Σ_j e^x_j along the last axis.</summary>
        public static Tensor softmax(Tensor logits, string? name = null) => NnOps.Softmax(logits, name);
    }
}
