using StaticGraph.Autodiff;
using StaticGraph.Ops;

namespace StaticGraph;

// Symbolic differentiation and the gradient checker.
public static partial class tf
{
    /// <summary>∂(Σ ys)/∂x for each x; null for an x that ys do not depend on (see
    /// <paramref name="unconnected_gradients"/>). <paramref name="grad_ys"/> seeds each y (ones by default); the
    /// ops producing <paramref name="stop_gradients"/> pass no gradient back.</summary>
    public static Tensor?[] gradients(Tensor[] ys, Tensor[] xs, Tensor?[]? grad_ys = null, string name = "gradients",
        Tensor[]? stop_gradients = null, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None) =>
        Gradients.Compute(ys, xs, grad_ys, stop_gradients, unconnected_gradients, name);

    /// <summary>∂y/∂x for each x (see the array overload).</summary>
    public static Tensor?[] gradients(Tensor ys, Tensor[] xs, Tensor? grad_ys = null, string name = "gradients",
        Tensor[]? stop_gradients = null, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None) =>
        Gradients.Compute([ys], xs, grad_ys is null ? null : [grad_ys], stop_gradients, unconnected_gradients, name);

    /// <summary>∂y/∂x for one x.</summary>
    public static Tensor?[] gradients(Tensor ys, Tensor xs, Tensor? grad_ys = null, string name = "gradients",
        Tensor[]? stop_gradients = null, UnconnectedGradients unconnected_gradients = UnconnectedGradients.None) =>
        Gradients.Compute([ys], [xs], grad_ys is null ? null : [grad_ys], stop_gradients, unconnected_gradients, name);

    /// <summary>y = x in the forward pass; no gradient flows back through it.</summary>
    public static Tensor stop_gradient(Tensor input, string? name = null) => AutodiffOps.StopGradient(input, name);

    /// <summary>Σᵢ inputsᵢ (same shape and dtype).</summary>
    public static Tensor add_n(Tensor[] inputs, string? name = null) => AutodiffOps.AddN(inputs, name);

    /// <summary>Gradient checking (<c>tf.test.*</c>).</summary>
    public static class test
    {
        /// <summary>The theoretical and numerical Jacobians of y with respect to x, each [size(x), size(y)] in
        /// float64; the numerical one by central differences of step <paramref name="delta"/>. Runs in the default
        /// session when it holds x's graph, else in a temporary one (x is always fed).</summary>
        public static (NDArray theoretical, NDArray numerical) compute_gradient(Tensor x, Shape x_shape, Tensor y, Shape y_shape,
            NDArray? x_init_value = null, double delta = 1e-3) =>
            GradientChecker.Compute(x, x_shape, y, y_shape, x_init_value, delta);

        /// <summary>max |theoretical - numerical| over the Jacobians of <see cref="compute_gradient"/>.</summary>
        public static double compute_gradient_error(Tensor x, Shape x_shape, Tensor y, Shape y_shape,
            NDArray? x_init_value = null, double delta = 1e-3) =>
            GradientChecker.Error(x, x_shape, y, y_shape, x_init_value, delta);
    }
}
