using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Bias addition along the channel dimension: the last one (NHWC), or dimension 1 for NCHW values of rank > 2.
internal static partial class ConvOps
{
    private static DType[] Numbers => [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8];

    /// <summary>The channel axis of a rank-<paramref name="rank"/> value in <paramref name="dataFormat"/>.</summary>
    private static int ChannelAxis(string dataFormat, int rank) => dataFormat switch
    {
        "NHWC" => rank - 1,
        "NCHW" => rank > 2 ? 1 : rank - 1,
        _ => throw new InvalidArgumentException($"data_format must be NHWC or NCHW, got '{dataFormat}'"),
    };

    /// <summary>A value viewed as [outer, channels, inner] around its channel axis.</summary>
    private static (int Outer, int Channels, int Inner) AroundChannel(Shape s, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++)
        {
            outer *= s[i];
        }

        for (int i = axis + 1; i < s.Rank; i++)
        {
            inner *= s[i];
        }

        return (outer, s[axis], inner);
    }

    /// <summary>y[..., c, ...] = value[..., c, ...] + bias[c] along the channel axis.</summary>
    public static readonly OpDef BiasAddOp = new("BiasAdd",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, Numbers);
            ctx.ExpectRank(1, 1);
            var (value, bias) = (ctx.Shape(0), ctx.Shape(1));
            if (value.HasRank && value.Rank < 2)
            {
                throw ctx.Error($"value must be at least 2-dimensional, got shape {value}");
            }

            if (!value.HasRank)
            {
                return InferContext.One(dtype, value);
            }

            int axis = ChannelAxis(ctx.Attr("data_format", "NHWC"), value.Rank);
            if (value[axis] >= 0 && bias[0] >= 0 && value[axis] != bias[0])
            {
                throw ctx.Error($"bias has {bias[0]} entries but value has {value[axis]} channels (dimension {axis})");
            }

            var dims = value.ToArray();
            dims[axis] = value[axis] >= 0 ? value[axis] : bias[0];
            return InferContext.One(dtype, dims);
        }),
        b =>
        {
            var format = b.Attr("data_format", "NHWC");
            return Dispatch.On(b, b.InputDType(0), f32: () => BiasAddKernel<float>(format, b.Threads), f64: () => BiasAddKernel<double>(format, b.Threads),
                i32: () => BiasAddKernel<int>(format, b.Threads), i64: () => BiasAddKernel<long>(format, b.Threads), u8: () => BiasAddKernel<byte>(format, b.Threads));
        })
    {
        Inputs = ["value: T", "bias: T"], Outputs = ["output: T"],
        AttrDefaults = PoolDefaults,
        Grad = g => [g.Dy, BiasAddGrad(g.Dy, g.Attr<string>("data_format"), null)], // dvalue = dy, dbias = Σ dy over all but the channel axis
    };

    /// <summary>relu(bias_add(value, bias)) in one pass, for a float BiasAdd <paramref name="b"/> builds (a plan pass
    /// folds a BiasAdd read only by a Relu into one step: <see cref="Execution.Passes.BiasActivation"/>).</summary>
    internal static Kernel BiasAddReluKernel(KernelBuild b)
    {
        var format = b.Attr("data_format", "NHWC");
        return Dispatch.On(b, b.InputDType(0), f32: () => BiasAddKernel<float>(format, b.Threads, relu: true),
            f64: () => BiasAddKernel<double>(format, b.Threads, relu: true));
    }

    /// <summary>db[c] = Σ out_backprop over every dimension but the channel axis.</summary>
    public static readonly OpDef BiasAddGradOp = new("BiasAddGrad",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, Numbers);
            var s = ctx.Shape(0);
            if (s.HasRank && s.Rank < 2)
            {
                throw ctx.Error($"out_backprop must be at least 2-dimensional, got shape {s}");
            }

            return InferContext.One(ctx.DType(0), [s.HasRank ? s[ChannelAxis(ctx.Attr("data_format", "NHWC"), s.Rank)] : -1]);
        }),
        b =>
        {
            var format = b.Attr("data_format", "NHWC");
            return Dispatch.On(b, b.InputDType(0), f32: () => BiasAddGradKernel<float>(format, b.Threads), f64: () => BiasAddGradKernel<double>(format, b.Threads),
                i32: () => BiasAddGradKernel<int>(format, b.Threads), i64: () => BiasAddGradKernel<long>(format, b.Threads), u8: () => BiasAddGradKernel<byte>(format, b.Threads));
        })
    {
        Inputs = ["out_backprop: T"], Outputs = ["output: T"],
        AttrDefaults = PoolDefaults,
        // d(dy) = ddb broadcast along the channel axis: bias_add(zeros_like(dy), ddb)
        Grad = g => [BiasAdd(ArrayOps.ZerosLike(g.X(0), null), g.Dy, g.Attr<string>("data_format"), null)],
    };

    public static Tensor BiasAdd(Tensor value, Tensor bias, string dataFormat, string? name) =>
        Out("BiasAdd", name, [value, bias], ("T", value.DType), ("data_format", dataFormat));

    public static Tensor BiasAddGrad(Tensor outBackprop, string dataFormat, string? name) =>
        Out("BiasAddGrad", name, [outBackprop], ("T", outBackprop.DType), ("data_format", dataFormat));

    private static Kernel BiasAddKernel<T>(string format, int threads, bool relu = false) where T : unmanaged, INumber<T> => ctx =>
    {
        var (x, bias) = (ctx.Input(0), ctx.Input(1));
        if (x.Rank < 2 || bias.Rank != 1)
        {
            throw new InvalidArgumentException($"BiasAdd needs a value of rank >= 2 and a 1-D bias, got {x.Shape} and {bias.Shape}");
        }

        var (outer, c, inner) = AroundChannel(x.Shape, ChannelAxis(format, x.Rank));
        if (bias.Size != c)
        {
            throw new InvalidArgumentException($"Must provide as many biases as the channel dimension of the input tensor: {bias.Shape} vs. {x.Shape}");
        }

        var y = ctx.Output(0, x.Shape);
        if (inner == 1)
        {
            Bias.Add((T[])x.RawData, (T[])bias.RawData, (T[])y.RawData, outer, c, threads, relu);
            return;
        }

        var xs = x.AsSpan<T>();
        var bs = bias.AsSpan<T>();
        var ys = y.AsSpan<T>();
        for (int o = 0; o < outer; o++)
        {

            for (int ch = 0; ch < c; ch++)
            {
                int at = ((o * c) + ch) * inner;
                TensorPrimitives.Add(xs.Slice(at, inner), bs[ch], ys.Slice(at, inner));
            }
        }

        if (relu)
        {
            TensorPrimitives.Max(ys, T.Zero, ys);
        }
    };

    private static Kernel BiasAddGradKernel<T>(string format, int threads) where T : unmanaged, INumber<T> => ctx =>
    {
        var dy = ctx.Input(0);
        if (dy.Rank < 2)
        {
            throw new InvalidArgumentException($"BiasAddGrad needs out_backprop of rank >= 2, got {dy.Shape}");
        }

        var (outer, c, inner) = AroundChannel(dy.Shape, ChannelAxis(format, dy.Rank));
        var db = ctx.OutputDims(0, [c]);
        if (inner == 1)
        {
            Bias.ColumnSums((T[])dy.RawData, (T[])db.RawData, outer, c, threads);
            return;
        }

        var ds = dy.AsSpan<T>();
        var bs = db.AsSpan<T>();
        bs.Clear();
        for (int o = 0; o < outer; o++)
        {

            for (int ch = 0; ch < c; ch++)
            {
                bs[ch] += TensorPrimitives.Sum<T>(ds.Slice(((o * c) + ch) * inner, inner));
            }
        }
    };
}
