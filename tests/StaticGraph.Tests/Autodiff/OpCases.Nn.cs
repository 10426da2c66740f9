using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

// Rows of the neural-network ops: activations away from their kinks, the *Grad ops (second order), softmax and the
// cross-entropies, L2Loss, TopKV2 on distinct values, fused batch norm in both layouts and modes.
internal static partial class OpCases
{
    private static IReadOnlyList<OpCase> Nn =>
    [
        Unary("Relu", Domain.AwayFromZero, x => tf.nn.relu(x)),
        new("Relu6", Same(1), D(Domain.Distinct), (x, _, _) => tf.nn.relu6(x[0] * 10)), // 10·(k/10 + 0.01): never 0 or 6
        Unary("Elu", Domain.AwayFromZero, x => tf.nn.elu(x)),
        Unary("Selu", Domain.AwayFromZero, x => tf.nn.selu(x)),
        new("LeakyRelu", Same(1), D(Domain.AwayFromZero), (x, _, r) => tf.nn.leaky_relu(x[0], alpha: r.Next(1, 5) / 10.0)),
        Unary("Softplus", Domain.Any, x => tf.nn.softplus(x)),
        Unary("Softsign", Domain.Any, x => tf.nn.softsign(x)),
        Unary("Sigmoid", Domain.Any, x => tf.sigmoid(x)),
        Unary("Tanh", Domain.Any, x => tf.tanh(x)),
        Pair("ReluGrad", Domain.Any, Domain.AwayFromZero, (a, b) => NnOps.ReluGrad(a, b, null)),
        new("Relu6Grad", Same(2), D(Domain.Any, Domain.Distinct), (x, _, _) => NnOps.Relu6Grad(x[0], x[1] * 10, null)),
        Pair("EluGrad", Domain.Any, Domain.AwayFromZero, (a, b) => NnOps.EluGrad(a, b, null)),
        Pair("SeluGrad", Domain.Any, Domain.AwayFromZero, (a, b) => NnOps.SeluGrad(a, b, null)),
        Pair("LeakyReluGrad", Domain.Any, Domain.AwayFromZero, (a, b) => NnOps.LeakyReluGrad(a, b, 0.3, null)),
        Pair("SoftplusGrad", Domain.Any, Domain.Any, (a, b) => NnOps.SoftplusGrad(a, b, null)),
        Pair("SoftsignGrad", Domain.Any, Domain.AwayFromZero, (a, b) => NnOps.SoftsignGrad(a, b, null)),
        Pair("SigmoidGrad", Domain.Any, Domain.Any, (a, b) => NnOps.SigmoidGrad(a, b, null)),
        Pair("TanhGrad", Domain.Any, Domain.Any, (a, b) => NnOps.TanhGrad(a, b, null)),
        Pair("SqrtGrad", Domain.Positive, Domain.Any, (a, b) => NnOps.SqrtGrad(a, b, null)),
        Pair("RsqrtGrad", Domain.Any, Domain.Any, (a, b) => NnOps.RsqrtGrad(a, b, null)),
        Pair("ReciprocalGrad", Domain.Any, Domain.Any, (a, b) => NnOps.ReciprocalGrad(a, b, null)),
        new("Softmax", Same(1, NonScalarShape), D(Domain.Any), (x, _, _) => tf.nn.softmax(x[0])),
        new("LogSoftmax", Same(1, NonScalarShape), D(Domain.Any), (x, _, _) => tf.nn.log_softmax(x[0])),
        // Labels are a softmax of the second input, so they are a distribution as the op assumes; the result mixes
        // both outputs so the backprop output's rule is checked too.
        new("SoftmaxCrossEntropyWithLogits", Same(2, Matrix), D(Domain.Any, Domain.Any), (x, _, _) =>
        {
            var (loss, backprop) = NnOps.SoftmaxCrossEntropyWithLogits(x[0] * 3, tf.nn.softmax(x[1]), null);
            return tf.reshape(loss, [-1, 1]) * backprop;
        }),
        new("SparseSoftmaxCrossEntropyWithLogits", Same(1, Matrix), D(Domain.Any), (x, _, r) =>
        {
            var labels = tf.constant(Enumerable.Range(0, x[0].Shape[0]).Select(_ => r.Next(x[0].Shape[1])).ToArray());
            var (loss, backprop) = NnOps.SparseSoftmaxCrossEntropyWithLogits(x[0] * 3, labels, null);
            return tf.reshape(loss, [-1, 1]) * backprop;
        }),
        Unary("L2Loss", Domain.Any, x => tf.nn.l2_loss(x)),
        new("TopKV2", Same(1, NonScalarShape), D(Domain.Distinct), (x, _, r) => tf.nn.top_k(x[0], k: r.Next(x[0].Shape[-1] + 1)).values),
        BatchNorm("FusedBatchNorm", v3: false),
        BatchNorm("FusedBatchNormV3", v3: true),
        BatchNormGrad("FusedBatchNormGrad", v3: false),
        BatchNormGrad("FusedBatchNormGradV3", v3: true),
    ];

    private static OpCase Pair(string op, Domain a, Domain b, Func<Tensor, Tensor, Tensor> build) =>
        new(op, Same(2), D(a, b), (x, _, _) => build(x[0], x[1]));

    /// <summary>[batch 0-3, classes 1-4].</summary>
    private static Gen<Shape> Matrix =>
        from b in Gen.Choose(0, 3)
        from c in Gen.Choose(1, 4)
        select new Shape(b, c);

    /// <summary>x [N, H, W, C] or [N, C, H, W] (choice 0: NCHW), scale and offset [C]; choice 1: training.</summary>
    private static Gen<Draw> BatchNormShapes =>
        from nchw in Gen.Choose(0, 1)
        from training in Gen.Choose(0, 1)
        from n in Gen.Choose(1, 2)
        from h in Gen.Choose(1, 2)
        from w in Gen.Choose(1, 3)
        from c in Gen.Choose(1, 3)
        let x = nchw == 1 ? new Shape(n, c, h, w) : new Shape(n, h, w, c)
        select new Draw([x, x, new Shape(c), new Shape(c)], [nchw, training]);

    private static Tensor ChannelConstant(Random r, int depth, DType dtype, double low) =>
        OpBuilder.Const(NDArray.FromArray(Enumerable.Range(0, depth).Select(_ => low + r.NextDouble()).ToArray(), depth).AsType(dtype));

    private static Tensor PerChannel(Tensor v, bool nchw) => nchw ? tf.reshape(v, [-1, 1, 1]) : v;

    // Inputs: x, (unused), scale, offset. Inference uses constant statistics: TF gives them no gradient.
    private static OpCase BatchNorm(string op, bool v3) => new(op, BatchNormShapes, D(Domain.Any, Domain.Any, Domain.Any, Domain.Any), (x, d, r) =>
    {
        bool nchw = d.Choices[0] == 1, training = d.Choices[1] == 1;
        int depth = d.Shapes[2][0];
        var empty = OpBuilder.Const(NDArray.Zeros(x[0].DType, [0]));
        var (mean, variance) = training ? (empty, empty) : (ChannelConstant(r, depth, x[0].DType, -0.5), ChannelConstant(r, depth, x[0].DType, 0.5));
        return NnOps.FusedBatchNorm(x[0], x[2], x[3], mean, variance, 0.5, nchw ? "NCHW" : "NHWC", training, v3, null)[0];
    });

    // Inputs: dy, x, scale, (unused). Training takes the reserve spaces from a FusedBatchNorm of x, as in a real graph.
    private static OpCase BatchNormGrad(string op, bool v3) => new(op, BatchNormShapes, D(Domain.Any, Domain.Any, Domain.Any, Domain.Any), (x, d, r) =>
    {
        bool nchw = d.Choices[0] == 1, training = d.Choices[1] == 1;
        int depth = d.Shapes[2][0];
        string format = nchw ? "NCHW" : "NHWC";
        var empty = OpBuilder.Const(NDArray.Zeros(x[0].DType, [0]));
        Tensor[] reserve = training
            ? NnOps.FusedBatchNorm(x[1], x[2], x[3], empty, empty, 0.5, format, true, v3: true, null)[3..]
            : [ChannelConstant(r, depth, x[0].DType, -0.5), ChannelConstant(r, depth, x[0].DType, 0.5), empty];
        var g = NnOps.FusedBatchNormGrad(x[0], x[1], x[2], reserve[0], reserve[1], v3 ? reserve[2] : null, 0.5, format, training, null);
        return g[0] + (PerChannel(g[1], nchw) * 0.5) + (PerChannel(g[2], nchw) * 0.25);
    });
}
