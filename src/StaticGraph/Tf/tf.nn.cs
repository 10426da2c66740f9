using StaticGraph.Ops;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>Neural-network ops (<c>tf.nn.*</c>).</summary>
    public static partial class nn
    {
        /// <summary>max(x, 0).</summary>
        public static Tensor relu(Tensor features, string? name = null) => NnOps.Relu(features, name);

        /// <summary>min(max(x, 0), 6).</summary>
        public static Tensor relu6(Tensor features, string? name = null) => NnOps.Relu6(features, name);

        /// <summary>x for x > 0, eˣ - 1 otherwise.</summary>
        public static Tensor elu(Tensor features, string? name = null) => NnOps.Elu(features, name);

        /// <summary>λx for x > 0, λα(eˣ - 1) otherwise (λ ≈ 1.0507, α ≈ 1.6733).</summary>
        public static Tensor selu(Tensor features, string? name = null) => NnOps.Selu(features, name);

        /// <summary>x for x > 0, αx otherwise.</summary>
        public static Tensor leaky_relu(Tensor features, double alpha = 0.2, string? name = null) => NnOps.LeakyRelu(features, alpha, name);

        /// <summary>ln(1 + eˣ), computed stably.</summary>
        public static Tensor softplus(Tensor features, string? name = null) => NnOps.Softplus(features, name);

        /// <summary>x / (1 + |x|).</summary>
        public static Tensor softsign(Tensor features, string? name = null) => NnOps.Softsign(features, name);

        /// <summary>1 / (1 + e⁻ˣ).</summary>
        public static Tensor sigmoid(Tensor x, string? name = null) => NnOps.Sigmoid(x, name);

        /// <summary>tanh x.</summary>
        public static Tensor tanh(Tensor x, string? name = null) => NnOps.Tanh(x, name);

        /// <summary>e^x_i / Σ_j e^x_j along <paramref name="axis"/> (the last axis only, for now).</summary>
        public static Tensor softmax(Tensor logits, int axis = -1, string? name = null) => NnOps.SoftmaxAlong("Softmax", logits, axis, name);

        /// <summary>x_i - ln Σ_j e^x_j along <paramref name="axis"/> (the last axis only, for now).</summary>
        public static Tensor log_softmax(Tensor logits, int axis = -1, string? name = null) => NnOps.SoftmaxAlong("LogSoftmax", logits, axis, name);

        /// <summary>The k largest entries of each last-axis row and their indices, largest first (ties: lower index
        /// first).</summary>
        public static (Tensor values, Tensor indices) top_k(Tensor input, int k = 1, bool sorted = true, string? name = null) =>
            NnOps.TopK(input, k, sorted, name);

        /// <summary>Whether each target class is among the k largest predictions of its row.</summary>
        public static Tensor in_top_k(Tensor predictions, Tensor targets, int k, string? name = null) =>
            NnOps.InTopK(predictions, targets, OpBuilder.Scalar(k, targets.DType, predictions.Graph, "k"), name);
    }
}
