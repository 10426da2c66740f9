using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Depthwise convolution (filter [KH, KW, C, M]: M filters per input channel, output channel c·M + m) and its backprops.
internal static partial class ConvOps
{
    /// <summary>y[n, oh, ow, c·M + m] = Σ_{kh, kw} x[n, oh·sh + kh·dh - pad_top, ow·sw + kw·dw - pad_left, c] · f[kh, kw, c, m].</summary>
    public static readonly OpDef DepthwiseConv2dNativeOp = new("DepthwiseConv2dNative",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, Floating);
            ctx.ExpectRank(0, 4);
            ctx.ExpectRank(1, 4);
            var a = ConvAttrs.Read(ctx.Attrs);
            var (input, filter) = (ctx.Shape(0), ctx.Shape(1));
            CheckDepth(ctx, input, filter);
            return InferContext.One(dtype, ConvOutput(input, filter, a, DepthwiseChannels(input, filter)));
        }),
        b =>
        {
            var a = ConvAttrs.Read(b.Op.Attrs) with { Threads = b.Threads };
            return Dispatch.On(b, b.InputDType(0), f32: () => DepthwiseKernel<float>(a), f64: () => DepthwiseKernel<double>(a));
        })
    {
        Inputs = ["input: T", "filter: T"], Outputs = ["output: T"],
        AttrDefaults = ConvDefaults(explicitPaddings: false),
        Grad = g =>
        [
            Like("DepthwiseConv2dNativeBackpropInput", g.Op, ShapeOf(g.X(0)), g.X(1), g.Dy), // dx = backprop_input(shape(x), f, dy)
            Like("DepthwiseConv2dNativeBackpropFilter", g.Op, g.X(0), ShapeOf(g.X(1)), g.Dy), // df = backprop_filter(x, shape(f), dy)
        ],
    };

    /// <summary>dx = ∂⟨dy, depthwise_conv2d(x, f)⟩/∂x for x of shape input_sizes.</summary>
    public static readonly OpDef DepthwiseConv2dNativeBackpropInputOp = BackpropInput("DepthwiseConv2dNativeBackpropInput",
        "DepthwiseConv2dNative", "DepthwiseConv2dNativeBackpropFilter", DepthwiseChannels, DepthwiseInputKernel<float>,
        DepthwiseInputKernel<double>, explicitPaddings: false);

    /// <summary>df = ∂⟨dy, depthwise_conv2d(x, f)⟩/∂f for f of shape filter_sizes.</summary>
    public static readonly OpDef DepthwiseConv2dNativeBackpropFilterOp = BackpropFilter("DepthwiseConv2dNativeBackpropFilter",
        "DepthwiseConv2dNative", "DepthwiseConv2dNativeBackpropInput", DepthwiseChannels, DepthwiseFilterKernel<float>,
        DepthwiseFilterKernel<double>, explicitPaddings: false);

    /// <summary>Output channels C·M (C from the filter when the input's depth is unknown).</summary>
    private static int DepthwiseChannels(Shape input, Shape filter)
    {
        int c = input[3] >= 0 ? input[3] : filter[2];
        return c >= 0 && filter[3] >= 0 ? c * filter[3] : -1;
    }

    private static (string, object)[] DepthwiseAttrList(DType t, int[] strides, string padding, string dataFormat, int[] dilations) =>
        [("T", t), ("strides", strides), ("padding", padding), ("data_format", dataFormat), ("dilations", dilations)];

    public static Tensor DepthwiseConv2dNative(Tensor input, Tensor filter, int[] strides, string padding, string dataFormat, int[] dilations, string? name) =>
        Out("DepthwiseConv2dNative", name, [input, filter], DepthwiseAttrList(input.DType, strides, padding, dataFormat, dilations));

    public static Tensor DepthwiseConv2dNativeBackpropInput(Tensor inputSizes, Tensor filter, Tensor outBackprop, int[] strides, string padding,
        string dataFormat, int[] dilations, string? name) =>
        Out("DepthwiseConv2dNativeBackpropInput", name, [inputSizes, filter, outBackprop], DepthwiseAttrList(filter.DType, strides, padding, dataFormat, dilations));

    public static Tensor DepthwiseConv2dNativeBackpropFilter(Tensor input, Tensor filterSizes, Tensor outBackprop, int[] strides, string padding,
        string dataFormat, int[] dilations, string? name) =>
        Out("DepthwiseConv2dNativeBackpropFilter", name, [input, filterSizes, outBackprop], DepthwiseAttrList(input.DType, strides, padding, dataFormat, dilations));

    private static Kernel DepthwiseKernel<T>(ConvAttrs a) where T : unmanaged, System.Numerics.INumber<T> => ctx =>
    {
        var (x, f) = (ctx.Input(0), ctx.Input(1));
        var filter = Rank4(f, "filter");
        var g = RunGeometry(Rank4(x, "input"), filter, a, null, filter[2] * filter[3]);
        var y = ctx.OutputDims(0, [g.N, g.OH, g.OW, filter[2] * filter[3]]);
        Conv.DepthwiseForward((T[])x.RawData, (T[])f.RawData, (T[])y.RawData, g, filter[3], a.Threads);
    };

    private static Kernel DepthwiseInputKernel<T>(ConvAttrs a) where T : unmanaged, System.Numerics.INumber<T> => ctx =>
    {
        var (f, dy) = (ctx.Input(1), ctx.Input(2));
        var dx = ctx.OutputDims(0, SizesOf(ctx.Input(0), "input_sizes", stackalloc int[4]));
        var filter = Rank4(f, "filter");
        var g = RunGeometry(dx.Shape, filter, a, Rank4(dy, "out_backprop"), filter[2] * filter[3]);
        Conv.DepthwiseBackpropInput((T[])f.RawData, (T[])dy.RawData, (T[])dx.RawData, g, filter[3], a.Threads);
    };

    private static Kernel DepthwiseFilterKernel<T>(ConvAttrs a) where T : unmanaged, System.Numerics.INumber<T> => ctx =>
    {
        var (x, dy) = (ctx.Input(0), ctx.Input(2));
        var df = ctx.OutputDims(0, SizesOf(ctx.Input(1), "filter_sizes", stackalloc int[4]));
        var filter = df.Shape;
        var g = RunGeometry(Rank4(x, "input"), filter, a, Rank4(dy, "out_backprop"), filter[2] * filter[3]);
        Conv.DepthwiseBackpropFilter((T[])x.RawData, (T[])dy.RawData, (T[])df.RawData, g, filter[3], a.Threads);
    };
}
