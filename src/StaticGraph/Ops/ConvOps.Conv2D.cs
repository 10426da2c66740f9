using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Conv2D and the two ops TF differentiates it with.
internal static partial class ConvOps
{
    /// <summary>y[n, oh, ow, o] = Σ_{kh, kw, c} x[n, oh·sh + kh·dh - pad_top, ow·sw + kw·dw - pad_left, c] · f[kh, kw, c, o].</summary>
    public static readonly OpDef Conv2DOp = new("Conv2D",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, Floating);
            ctx.ExpectRank(0, 4);
            ctx.ExpectRank(1, 4);
            var a = ConvAttrs.Read(ctx.Attrs);
            CheckDepth(ctx, ctx.Shape(0), ctx.Shape(1));
            return InferContext.One(dtype, ConvOutput(ctx.Shape(0), ctx.Shape(1), a, ctx.Shape(1)[3]));
        }),
        b =>
        {
            var a = ConvAttrs.Read(b.Op.Attrs) with { Threads = b.Threads };
            return Dispatch.On(b, b.InputDType(0), f32: () => Conv2DKernel<float>(a), f64: () => Conv2DKernel<double>(a));
        })
    {
        Inputs = ["input: T", "filter: T"], Outputs = ["output: T"],
        AttrDefaults = ConvDefaults(explicitPaddings: true),
        Grad = g =>
        [
            Like("Conv2DBackpropInput", g.Op, ShapeOf(g.X(0)), g.X(1), g.Dy), // dx = conv2d_backprop_input(shape(x), f, dy)
            Like("Conv2DBackpropFilter", g.Op, g.X(0), ShapeOf(g.X(1)), g.Dy), // df = conv2d_backprop_filter(x, shape(f), dy)
        ],
    };

    /// <summary>dx = ∂⟨dy, conv2d(x, f)⟩/∂x for x of shape input_sizes: the transposed convolution of out_backprop.</summary>
    public static readonly OpDef Conv2DBackpropInputOp = BackpropInput("Conv2DBackpropInput", "Conv2D", "Conv2DBackpropFilter",
        (_, filter) => filter[3], BackpropInputKernel<float>, BackpropInputKernel<double>, explicitPaddings: true);

    /// <summary>df = ∂⟨dy, conv2d(x, f)⟩/∂f for f of shape filter_sizes: Σ over batch and positions of x-patch · dy.</summary>
    public static readonly OpDef Conv2DBackpropFilterOp = BackpropFilter("Conv2DBackpropFilter", "Conv2D", "Conv2DBackpropInput",
        (_, filter) => filter[3], BackpropFilterKernel<float>, BackpropFilterKernel<double>, explicitPaddings: true);

    private static (string, object)[] ConvAttrList(DType t, int[] strides, string padding, bool useCudnnOnGpu, string dataFormat, int[] dilations) =>
    [
        ("T", t), ("strides", strides), ("use_cudnn_on_gpu", useCudnnOnGpu), ("padding", padding),
        ("explicit_paddings", Array.Empty<int>()), ("data_format", dataFormat), ("dilations", dilations),
    ];

    public static Tensor Conv2D(Tensor input, Tensor filter, int[] strides, string padding, bool useCudnnOnGpu, string dataFormat, int[] dilations, string? name) =>
        Out("Conv2D", name, [input, filter], ConvAttrList(input.DType, strides, padding, useCudnnOnGpu, dataFormat, dilations));

    public static Tensor Conv2DBackpropInput(Tensor inputSizes, Tensor filter, Tensor outBackprop, int[] strides, string padding,
        bool useCudnnOnGpu, string dataFormat, int[] dilations, string? name) =>
        Out("Conv2DBackpropInput", name, [inputSizes, filter, outBackprop], ConvAttrList(filter.DType, strides, padding, useCudnnOnGpu, dataFormat, dilations));

    public static Tensor Conv2DBackpropFilter(Tensor input, Tensor filterSizes, Tensor outBackprop, int[] strides, string padding,
        bool useCudnnOnGpu, string dataFormat, int[] dilations, string? name) =>
        Out("Conv2DBackpropFilter", name, [input, filterSizes, outBackprop], ConvAttrList(input.DType, strides, padding, useCudnnOnGpu, dataFormat, dilations));

    private static Kernel Conv2DKernel<T>(ConvAttrs a) where T : unmanaged, System.Numerics.INumber<T> => ctx =>
    {
        var (x, f) = (ctx.Input(0), ctx.Input(1));
        var filter = Rank4(f, "filter");
        var g = RunGeometry(Rank4(x, "input"), filter, a, null, filter[3]);
        var y = ctx.OutputDims(0, [g.N, g.OH, g.OW, filter[3]]);
        Conv.Forward((T[])x.RawData, (T[])f.RawData, (T[])y.RawData, g, filter[3], a.Threads);
    };

    private static Kernel BackpropInputKernel<T>(ConvAttrs a) where T : unmanaged, System.Numerics.INumber<T> => ctx =>
    {
        var (f, dy) = (ctx.Input(1), ctx.Input(2));
        var dx = ctx.OutputDims(0, SizesOf(ctx.Input(0), "input_sizes", stackalloc int[4]));
        var filter = Rank4(f, "filter");
        var g = RunGeometry(dx.Shape, filter, a, Rank4(dy, "out_backprop"), filter[3]);
        Conv.BackpropInput((T[])f.RawData, (T[])dy.RawData, (T[])dx.RawData, g, filter[3], a.Threads);
    };

    private static Kernel BackpropFilterKernel<T>(ConvAttrs a) where T : unmanaged, System.Numerics.INumber<T> => ctx =>
    {
        var (x, dy) = (ctx.Input(0), ctx.Input(2));
        var df = ctx.OutputDims(0, SizesOf(ctx.Input(1), "filter_sizes", stackalloc int[4]));
        var filter = df.Shape;
        var g = RunGeometry(Rank4(x, "input"), filter, a, Rank4(dy, "out_backprop"), filter[3]);
        Conv.BackpropFilter((T[])x.RawData, (T[])dy.RawData, (T[])df.RawData, g, filter[3], a.Threads);
    };
}
