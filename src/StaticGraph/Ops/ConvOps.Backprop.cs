using StaticGraph.Execution;
using StaticGraph.Kernels;

namespace StaticGraph.Ops;

// The two backprop ops every convolution family has (Conv2D, DepthwiseConv2dNative): the same inputs, inference and
// gradient structure, differing only in the op names, the output-channel rule and the kernels.
internal static partial class ConvOps
{
    /// <summary>dx for x of shape input_sizes; inputs (input_sizes, filter, out_backprop).</summary>
    private static OpDef BackpropInput(string name, string forward, string backpropFilter, Func<Shape, Shape, int> outChannels,
        Func<ConvAttrs, Kernel> f32, Func<ConvAttrs, Kernel> f64, bool explicitPaddings) => new(name,
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(3);
            var dtype = ctx.SameDType(1, 2);
            ctx.ExpectDType(1, Floating);
            ctx.ExpectRank(1, 4);
            var a = ConvAttrs.Read(ctx.Attrs);
            var input = ShapeInput(ctx, 0);
            CheckDepth(ctx, input, ctx.Shape(1));
            CheckOutBackprop(ctx, 2, ConvOutput(input, ctx.Shape(1), a, outChannels(input, ctx.Shape(1))));
            return InferContext.One(dtype, input);
        }),
        b =>
        {
            var a = ConvAttrs.Read(b.Op.Attrs) with { Threads = b.Threads };
            return Dispatch.On(b, b.InputDType(1), f32: () => f32(a), f64: () => f64(a));
        })
    {
        Inputs = ["input_sizes: int32", "filter: T", "out_backprop: T"], Outputs = ["output: T"],
        AttrDefaults = ConvDefaults(explicitPaddings),
        Grad = g =>
        [
            null,
            Like(backpropFilter, g.Op, g.Dy, ShapeOf(g.X(1)), g.X(2)), // df = backprop_filter(ddx, shape(f), dy)
            Like(forward, g.Op, g.Dy, g.X(1)), // d(dy) = conv(ddx, f)
        ],
    };

    /// <summary>df for f of shape filter_sizes; inputs (input, filter_sizes, out_backprop).</summary>
    private static OpDef BackpropFilter(string name, string forward, string backpropInput, Func<Shape, Shape, int> outChannels,
        Func<ConvAttrs, Kernel> f32, Func<ConvAttrs, Kernel> f64, bool explicitPaddings) => new(name,
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(3);
            var dtype = ctx.DType(0);
            if (ctx.DType(2) != dtype)
            {
                throw ctx.Error($"out_backprop must have the input's dtype {dtype}, got {ctx.DType(2)}");
            }

            ctx.ExpectDType(0, Floating);
            ctx.ExpectRank(0, 4);
            var a = ConvAttrs.Read(ctx.Attrs);
            var filter = ShapeInput(ctx, 1);
            CheckDepth(ctx, ctx.Shape(0), filter);
            CheckOutBackprop(ctx, 2, ConvOutput(ctx.Shape(0), filter, a, outChannels(ctx.Shape(0), filter)));
            return InferContext.One(dtype, filter);
        }),
        b =>
        {
            var a = ConvAttrs.Read(b.Op.Attrs) with { Threads = b.Threads };
            return Dispatch.On(b, b.InputDType(0), f32: () => f32(a), f64: () => f64(a));
        })
    {
        Inputs = ["input: T", "filter_sizes: int32", "out_backprop: T"], Outputs = ["output: T"],
        AttrDefaults = ConvDefaults(explicitPaddings),
        Grad = g =>
        [
            Like(backpropInput, g.Op, ShapeOf(g.X(0)), g.Dy, g.X(2)), // dx = backprop_input(shape(x), ddf, dy)
            null,
            Like(forward, g.Op, g.X(0), g.Dy), // d(dy) = conv(x, ddf)
        ],
    };
}
