using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

/// <summary>Rows of the Convolution ops: small NHWC geometries (batch 1-2, spatial 1-5, channels 1-3, kernels 1-3,
/// strides 1-2, dilations 1-2, SAME and VALID).</summary>
internal static partial class OpCases
{
    /// <summary>A drawn window geometry; <see cref="Oc"/> is the output channels (conv) or multiplier (depthwise).</summary>
    internal sealed record ConvParams(bool Same, int N, int H, int W, int C, int KH, int KW, int Oc, int SH, int SW, int DH, int DW)
    {
        public string Padding => Same ? "SAME" : "VALID";

        public int[] Strides => [1, SH, SW, 1];

        public int[] Dilations => [1, DH, DW, 1];

        public int[] Ksize => [1, KH, KW, 1];

        public Shape Input => new(N, H, W, C);

        public Shape Filter => new(KH, KW, C, Oc);

        /// <summary>TF's output size: SAME ceil(in / s), VALID ceil((in - k_eff + 1) / s).</summary>
        public Shape Output(int channels) => new(N, Out(H, KH, SH, DH), Out(W, KW, SW, DW), channels);

        private int Out(int size, int k, int s, int d) => Same ? (size + s - 1) / s : (size - ((k - 1) * d) - 1 + s) / s;
    }

    /// <summary>Window geometries; VALID inputs are at least as large as the dilated kernel.</summary>
    internal static Gen<ConvParams> ConvGeometries(bool dilate) =>
        from same in Gen.Elements(true, false)
        from n in Gen.Choose(1, 2)
        from c in Gen.Choose(1, 3)
        from oc in Gen.Choose(1, 3)
        from kh in Gen.Choose(1, 3)
        from kw in Gen.Choose(1, 3)
        from dh in dilate ? Gen.Choose(1, 2) : Gen.Constant(1)
        from dw in dilate ? Gen.Choose(1, 2) : Gen.Constant(1)
        from h in Gen.Choose(same ? 1 : ((kh - 1) * dh) + 1, 5)
        from w in Gen.Choose(same ? 1 : ((kw - 1) * dw) + 1, 5)
        from sh in Gen.Choose(1, 2)
        from sw in Gen.Choose(1, 2)
        select new ConvParams(same, n, h, w, c, kh, kw, oc, sh, sw, dh, dw);

    /// <summary>The geometry a conv draw carries in its choices.</summary>
    private static ConvParams P(Draw d)
    {
        var c = d.Choices;
        return new ConvParams(c[0] == 1, c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]);
    }

    private static Gen<Draw> ConvDraw(bool dilate, Func<ConvParams, Shape[]> shapes) =>
        ConvGeometries(dilate).Select(p => new Draw(shapes(p),
            [p.Same ? 1 : 0, p.N, p.H, p.W, p.C, p.KH, p.KW, p.Oc, p.SH, p.SW, p.DH, p.DW]));

    private static Tensor Sizes(Shape s, Graph g) => OpBuilder.IntVector(s.ToArray(), g);

    /// <summary>Value [·, C] of rank 2-4 and bias [C]; choice 0 = NHWC, 1 = NCHW (channel axis 1 for rank > 2).</summary>
    private static Gen<Draw> BiasShapes =>
        from rank in Gen.Choose(2, 4)
        from dims in Gen.ArrayOf(Gen.Choose(1, 3), rank)
        from nchw in Gen.Choose(0, 1)
        let axis = nchw == 1 && rank > 2 ? 1 : rank - 1
        select new Draw([new Shape(dims), new Shape(dims[axis])], [nchw]);

    private static string Format(Draw d) => d.Choices[0] == 1 ? "NCHW" : "NHWC";

    private static IReadOnlyList<OpCase> Convolution =>
    [
        new("Conv2D", ConvDraw(true, p => [p.Input, p.Filter]), D(Domain.Any, Domain.Any), (x, d, _) =>
            tf.nn.conv2d(x[0], x[1], P(d).Strides, P(d).Padding, dilations: P(d).Dilations)),
        new("Conv2DBackpropInput", ConvDraw(true, p => [p.Filter, p.Output(p.Oc)]), D(Domain.Any, Domain.Any), (x, d, _) =>
            tf.nn.conv2d_backprop_input(Sizes(P(d).Input, x[0].Graph), x[0], x[1], P(d).Strides, P(d).Padding, dilations: P(d).Dilations)),
        new("Conv2DBackpropFilter", ConvDraw(true, p => [p.Input, p.Output(p.Oc)]), D(Domain.Any, Domain.Any), (x, d, _) =>
            tf.nn.conv2d_backprop_filter(x[0], Sizes(P(d).Filter, x[0].Graph), x[1], P(d).Strides, P(d).Padding, dilations: P(d).Dilations)),
        new("DepthwiseConv2dNative", ConvDraw(true, p => [p.Input, p.Filter]), D(Domain.Any, Domain.Any), (x, d, _) =>
            tf.nn.depthwise_conv2d_native(x[0], x[1], P(d).Strides, P(d).Padding, dilations: P(d).Dilations)),
        new("DepthwiseConv2dNativeBackpropInput", ConvDraw(true, p => [p.Filter, p.Output(p.C * p.Oc)]), D(Domain.Any, Domain.Any), (x, d, _) =>
            ConvOps.DepthwiseConv2dNativeBackpropInput(Sizes(P(d).Input, x[0].Graph), x[0], x[1], P(d).Strides, P(d).Padding, "NHWC", P(d).Dilations, null)),
        new("DepthwiseConv2dNativeBackpropFilter", ConvDraw(true, p => [p.Input, p.Output(p.C * p.Oc)]), D(Domain.Any, Domain.Any), (x, d, _) =>
            ConvOps.DepthwiseConv2dNativeBackpropFilter(x[0], Sizes(P(d).Filter, x[0].Graph), x[1], P(d).Strides, P(d).Padding, "NHWC", P(d).Dilations, null)),
        new("MaxPool", ConvDraw(false, p => [p.Input]), D(Domain.Distinct), (x, d, _) =>
            tf.nn.max_pool(x[0], P(d).Ksize, P(d).Strides, P(d).Padding)),
        new("AvgPool", ConvDraw(false, p => [p.Input]), D(Domain.Any), (x, d, _) =>
            tf.nn.avg_pool(x[0], P(d).Ksize, P(d).Strides, P(d).Padding)),
        new("AvgPoolGrad", ConvDraw(false, p => [p.Output(p.C)]), D(Domain.Any), (x, d, _) =>
            ConvOps.AvgPoolGrad(Sizes(P(d).Input, x[0].Graph), x[0], P(d).Ksize, P(d).Strides, P(d).Padding, "NHWC", null)),
        new("BiasAdd", BiasShapes, D(Domain.Any, Domain.Any), (x, d, _) => tf.nn.bias_add(x[0], x[1], Format(d))),
        new("BiasAddGrad", BiasShapes.Select(d => d with { Shapes = [d.Shapes[0]] }), D(Domain.Any), (x, d, _) =>
            ConvOps.BiasAddGrad(x[0], Format(d), null)),
    ];
}
