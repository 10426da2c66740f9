using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Max and average pooling and their gradients.
internal static partial class ConvOps
{
    private static DType[] RealNumbers => [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8];

    private static Dictionary<string, object> PoolDefaults => new() { ["data_format"] = "NHWC" };

    /// <summary>Reads and checks a pooling op's ksize, strides, padding and data_format.</summary>
    private static Conv.Window PoolWindow(AttrMap a)
    {
        CheckFormat(a);
        var k = Four(a.Get<int[]>("ksize"), "ksize");
        var s = Four(a.Get<int[]>("strides"), "strides");
        return new(k[1], k[2], s[1], s[2], 1, 1, Padding(a));
    }

    /// <summary>The static output of pooling <paramref name="input"/> with <paramref name="w"/>.</summary>
    private static Shape PoolOutput(Shape input, Conv.Window w) =>
        [input[0], OutDim(input[1], w.KH, w.SH, 1, w.Same), OutDim(input[2], w.KW, w.SW, 1, w.Same), input[3]];

    /// <summary>The runtime geometry of pooling <paramref name="input"/>; checks the gradient's shape when given.</summary>
    private static Conv.Geometry PoolGeometry(Shape input, Conv.Window w, Shape? grad)
    {
        var g = Conv.Geometry.Of(input, w);
        if (grad is not null && !Is(grad, g.N, g.OH, g.OW, g.C))
        {
            throw new InvalidArgumentException($"grad has shape {grad} but the pooled output has shape [{g.N}, {g.OH}, {g.OW}, {g.C}]");
        }

        return g;
    }

    /// <summary>y[n, oh, ow, c] = max over the window (clipped to the input) of x[n, h, w, c].</summary>
    public static readonly OpDef MaxPoolOp = new("MaxPool",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, RealNumbers);
            ctx.ExpectRank(0, 4);
            return InferContext.One(ctx.DType(0), PoolOutput(ctx.Shape(0), PoolWindow(ctx.Attrs)));
        }),
        b =>
        {
            var w = PoolWindow(b.Op.Attrs);
            return Dispatch.On(b, b.InputDType(0), f32: () => MaxPoolKernel<float>(w, b.Threads), f64: () => MaxPoolKernel<double>(w, b.Threads),
                i32: () => MaxPoolKernel<int>(w, b.Threads), i64: () => MaxPoolKernel<long>(w, b.Threads), u8: () => MaxPoolKernel<byte>(w, b.Threads));
        })
    {
        Inputs = ["input: T"], Outputs = ["output: T"],
        AttrDefaults = PoolDefaults,
        Grad = g => [Like("MaxPoolGrad", g.Op, g.X(0), g.Y, g.Dy)], // dx = dy routed to each window's first maximum
    };

    /// <summary>dx[n, h, w, c] = Σ grad[n, oh, ow, c] over the windows whose first maximum (row-major) is x[n, h, w, c].</summary>
    public static readonly OpDef MaxPoolGradOp = new("MaxPoolGrad",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(3);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, RealNumbers);
            ctx.ExpectRank(0, 4);
            var output = PoolOutput(ctx.Shape(0), PoolWindow(ctx.Attrs));
            CheckOutBackprop(ctx, 2, output);
            return InferContext.One(dtype, ctx.Shape(0));
        }),
        b =>
        {
            var w = PoolWindow(b.Op.Attrs);
            return Dispatch.On(b, b.InputDType(0), f32: () => MaxPoolGradKernel<float>(w, b.Threads), f64: () => MaxPoolGradKernel<double>(w, b.Threads),
                i32: () => MaxPoolGradKernel<int>(w, b.Threads), i64: () => MaxPoolGradKernel<long>(w, b.Threads), u8: () => MaxPoolGradKernel<byte>(w, b.Threads));
        })
    {
        Inputs = ["orig_input: T", "orig_output: T", "grad: T"], Outputs = ["output: T"],
        AttrDefaults = PoolDefaults,
        NoGradient = "second-order max-pool gradients (TF's MaxPoolGradGrad) are not supported",
    };

    /// <summary>y[n, oh, ow, c] = mean over the window (clipped to the input: SAME padding is not counted) of x.</summary>
    public static readonly OpDef AvgPoolOp = new("AvgPool",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, Floating);
            ctx.ExpectRank(0, 4);
            return InferContext.One(ctx.DType(0), PoolOutput(ctx.Shape(0), PoolWindow(ctx.Attrs)));
        }),
        b =>
        {
            var w = PoolWindow(b.Op.Attrs);
            return Dispatch.On(b, b.InputDType(0), f32: () => AvgPoolKernel<float>(w, b.Threads), f64: () => AvgPoolKernel<double>(w, b.Threads));
        })
    {
        Inputs = ["value: T"], Outputs = ["output: T"],
        AttrDefaults = PoolDefaults,
        Grad = g => [Like("AvgPoolGrad", g.Op, ShapeOf(g.X(0)), g.Dy)], // dx = avg_pool_grad(shape(x), dy)
    };

    /// <summary>dx[n, h, w, c] = Σ grad[n, oh, ow, c] / |window| over the windows covering (h, w); x has shape
    /// orig_input_shape.</summary>
    public static readonly OpDef AvgPoolGradOp = new("AvgPoolGrad",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, Floating);
            var input = ShapeInput(ctx, 0);
            CheckOutBackprop(ctx, 1, PoolOutput(input, PoolWindow(ctx.Attrs)));
            return InferContext.One(ctx.DType(1), input);
        }),
        b =>
        {
            var w = PoolWindow(b.Op.Attrs);
            return Dispatch.On(b, b.InputDType(1), f32: () => AvgPoolGradKernel<float>(w, b.Threads), f64: () => AvgPoolGradKernel<double>(w, b.Threads));
        })
    {
        Inputs = ["orig_input_shape: int32", "grad: T"], Outputs = ["output: T"],
        AttrDefaults = PoolDefaults,
        Grad = g => [null, Like("AvgPool", g.Op, g.Dy)], // d(grad) = avg_pool(ddx)
    };

    private static (string, object)[] PoolAttrs(DType t, int[] ksize, int[] strides, string padding, string dataFormat) =>
        [("T", t), ("ksize", ksize), ("strides", strides), ("padding", padding), ("data_format", dataFormat)];

    public static Tensor MaxPool(Tensor value, int[] ksize, int[] strides, string padding, string dataFormat, string? name) =>
        Out("MaxPool", name, [value], PoolAttrs(value.DType, ksize, strides, padding, dataFormat));

    public static Tensor MaxPoolGrad(Tensor origInput, Tensor origOutput, Tensor grad, int[] ksize, int[] strides, string padding, string dataFormat, string? name) =>
        Out("MaxPoolGrad", name, [origInput, origOutput, grad], PoolAttrs(origInput.DType, ksize, strides, padding, dataFormat));

    public static Tensor AvgPool(Tensor value, int[] ksize, int[] strides, string padding, string dataFormat, string? name) =>
        Out("AvgPool", name, [value], PoolAttrs(value.DType, ksize, strides, padding, dataFormat));

    public static Tensor AvgPoolGrad(Tensor origInputShape, Tensor grad, int[] ksize, int[] strides, string padding, string dataFormat, string? name) =>
        Out("AvgPoolGrad", name, [origInputShape, grad], PoolAttrs(grad.DType, ksize, strides, padding, dataFormat));

    private static Kernel MaxPoolKernel<T>(Conv.Window w, int threads) where T : unmanaged, INumber<T> => ctx =>
    {
        var x = ctx.Input(0);
        var g = PoolGeometry(Rank4(x, "input"), w, null);
        var y = ctx.OutputDims(0, [g.N, g.OH, g.OW, g.C]);
        Conv.MaxPool((T[])x.RawData, (T[])y.RawData, g, threads);
    };

    private static Kernel MaxPoolGradKernel<T>(Conv.Window w, int threads) where T : unmanaged, INumber<T> => ctx =>
    {
        var (x, dy) = (ctx.Input(0), ctx.Input(2));
        var g = PoolGeometry(Rank4(x, "orig_input"), w, Rank4(dy, "grad"));
        var dx = ctx.Output(0, x.Shape);
        Conv.MaxPoolGrad((T[])x.RawData, (T[])dy.RawData, (T[])dx.RawData, g, threads);
    };

    private static Kernel AvgPoolKernel<T>(Conv.Window w, int threads) where T : unmanaged, INumber<T> => ctx =>
    {
        var x = ctx.Input(0);
        var g = PoolGeometry(Rank4(x, "value"), w, null);
        var y = ctx.OutputDims(0, [g.N, g.OH, g.OW, g.C]);
        Conv.AvgPool((T[])x.RawData, (T[])y.RawData, g, threads);
    };

    private static Kernel AvgPoolGradKernel<T>(Conv.Window w, int threads) where T : unmanaged, INumber<T> => ctx =>
    {
        var dy = ctx.Input(1);
        var dx = ctx.OutputDims(0, SizesOf(ctx.Input(0), "orig_input_shape", stackalloc int[4]));
        var g = PoolGeometry(dx.Shape, w, Rank4(dy, "grad"));
        Conv.AvgPoolGrad((T[])dy.RawData, (T[])dx.RawData, g, threads);
    };
}
