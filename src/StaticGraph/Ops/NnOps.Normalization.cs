using System.Buffers;
using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Fused batch normalization over the channel axis of a 4-D tensor (NHWC or NCHW) and its gradient ops.
// NOTE: primitives for speed (one pass over the batch per statistic) and because TF's graphs contain them.
internal static partial class NnOps
{
    private static IEnumerable<OpDef> NormalizationDefs =>
        [FusedBatchNormOp, FusedBatchNormV3Op, FusedBatchNormGradOp, FusedBatchNormGradV3Op];

    private static Dictionary<string, object> BatchNormDefaults => new()
    {
        ["epsilon"] = 0.0001f, ["data_format"] = "NHWC", ["is_training"] = true,
    };

    private static bool Nchw(AttrMap attrs) => attrs.Get("data_format", "NHWC") switch
    {
        "NHWC" => false,
        "NCHW" => true,
        var f => throw new GraphException($"data_format must be NHWC or NCHW, got '{f}'."),
    };

    /// <summary>Checks x (4-D, input <paramref name="xIndex"/>), the dtypes and the per-channel vectors at
    /// <paramref name="channelInputs"/> (those in <paramref name="mayBeEmpty"/> may also be empty); returns the depth.</summary>
    private static int CheckBatchNormInputs(InferContext ctx, int count, int xIndex, int[] channelInputs, int[] mayBeEmpty)
    {
        ctx.ExpectInputs(count);
        ctx.ExpectDType(0, Floating);
        ctx.SameDType();
        ctx.ExpectRank(xIndex, 4);
        bool nchw;
        try
        {
            nchw = Nchw(ctx.Attrs);
        }
        catch (GraphException e)
        {
            throw ctx.Error(e.Message);
        }

        int depth = ctx.Shape(xIndex).HasRank ? ctx.Shape(xIndex)[nchw ? 1 : 3] : -1;
        foreach (int i in channelInputs)
        {
            ctx.ExpectRank(i, 1);
            int d = ctx.Shape(i).HasRank ? ctx.Shape(i)[0] : -1;
            if (d >= 0 && depth >= 0 && d != depth && !(d == 0 && mayBeEmpty.Contains(i)))
            {
                throw ctx.Error($"input {i} must have the channel depth {depth} of x, got shape {ctx.Shape(i)}");
            }
        }

        return depth;
    }

    private static OpDef FusedBatchNorm(string name, bool v3) => new(name,
        ctx =>
        {
            bool training = ctx.Attr("is_training", true);
            int depth = CheckBatchNormInputs(ctx, 5, 0, [1, 2, 3, 4], training ? [3, 4] : []);
            var dtype = ctx.DType(0);
            var channels = new TensorSpec(dtype, [depth]);
            return v3
                ? [new(dtype, ctx.Shape(0)), channels, channels, channels, channels, new(dtype, [0])]
                : [new(dtype, ctx.Shape(0)), channels, channels, channels, channels];
        },
        b => Dispatch.On(b, b.InputDType(0), f32: () => BatchNormKernel<float>(b), f64: () => BatchNormKernel<double>(b)))
    {
        Grad = g =>
        {
            // dx, dscale, doffset from TF's gradient op; the statistics inputs get none (as TF).
            bool training = g.Attr<bool>("is_training");
            var (mean, variance) = training ? (g.Op.Outputs[3], g.Op.Outputs[4]) : (g.X(3), g.X(4));
            var grads = FusedBatchNormGrad(g.Dy, g.X(0), g.X(1), mean, variance, v3 ? g.Op.Outputs[5] : null,
                g.Attr<double>("epsilon"), g.Attr<string>("data_format"), training, null);
            return [grads[0], grads[1], grads[2], null, null];
        },
        AttrDefaults = BatchNormDefaults,
    };

    /// <summary>y = scale · (x - μ) / √(σ² + ε) + offset per channel; μ, σ² = the batch's (training) or the given
    /// (inference) statistics. Outputs y, batch_mean, batch_variance (Bessel-corrected in training), reserve_space_1/2
    /// (the mean and biased variance used).</summary>
    public static readonly OpDef FusedBatchNormOp = FusedBatchNorm("FusedBatchNorm", v3: false)
        with { Inputs = ["x: T", "scale: T", "offset: T", "mean: T", "variance: T"], Outputs = ["y: T", "batch_mean: T", "batch_variance: T", "reserve_space_1: T", "reserve_space_2: T"] };

    /// <summary>FusedBatchNorm with a sixth output reserve_space_3 (empty here) and the statistics type attr U.</summary>
    public static readonly OpDef FusedBatchNormV3Op = FusedBatchNorm("FusedBatchNormV3", v3: true)
        with { Inputs = ["x: T", "scale: U", "offset: U", "mean: U", "variance: U"], Outputs = ["y: T", "batch_mean: U", "batch_variance: U", "reserve_space_1: U", "reserve_space_2: U", "reserve_space_3: U"] };

    public static Tensor[] FusedBatchNorm(Tensor x, Tensor scale, Tensor offset, Tensor mean, Tensor variance, double epsilon,
        string dataFormat, bool isTraining, bool v3, string? name)
    {
        var attrs = new List<(string, object)>
        {
            ("T", x.DType), ("epsilon", epsilon), ("data_format", dataFormat), ("is_training", isTraining),
        };
        if (v3)
        {
            attrs.Add(("U", scale.DType));
        }

        return [.. Op(v3 ? "FusedBatchNormV3" : "FusedBatchNorm", name, [x, scale, offset, mean, variance], [.. attrs]).Outputs];
    }

    /// <summary>Per-channel geometry of a 4-D tensor: depth, the stride between channels (1 for NHWC, H·W for NCHW)
    /// and the number of elements per channel.</summary>
    private static (int Depth, int Inner, int Count) Geometry(Shape x, bool nchw)
    {
        if (x.Rank != 4)
        {
            throw new InvalidArgumentException($"x must be 4-dimensional, got shape {x}");
        }

        int depth = x[nchw ? 1 : 3];
        return (depth, nchw ? x[2] * x[3] : 1, depth == 0 ? 0 : (int)(x.NumElements / depth));
    }

    private static ReadOnlySpan<T> Channels<T>(KernelContext ctx, int i, int depth, string what)
    {
        var v = ctx.Input(i);
        return v.Size == depth ? v.AsSpan<T>() : throw new InvalidArgumentException(
            $"{ctx.Op.Type} '{ctx.Op.Name}': {what} must have {depth} elements (the channel depth of x), got shape {v.Shape}");
    }

    private static Kernel BatchNormKernel<T>(KernelBuild b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool training = b.Attr("is_training", true), nchw = Nchw(b.Op.Attrs);
        double eps = b.Attr("epsilon", 1e-4);
        return ctx =>
        {
            var x = ctx.Input(0);
            var (depth, inner, count) = Geometry(x.Shape, nchw);
            var scale = Channels<T>(ctx, 1, depth, "scale");
            var offset = Channels<T>(ctx, 2, depth, "offset");
            var mean = ArrayPool<double>.Shared.Rent(depth);
            var variance = ArrayPool<double>.Shared.Rent(depth);
            var xs = x.AsSpan<T>();
            if (training)
            {
                ChannelMoments(xs, depth, inner, count, mean, variance);
            }
            else
            {
                var m = Channels<T>(ctx, 3, depth, "mean");
                var v = Channels<T>(ctx, 4, depth, "variance");
                for (int c = 0; c < depth; c++)
                {
                    (mean[c], variance[c]) = (double.CreateChecked(m[c]), double.CreateChecked(v[c]));
                }
            }

            var y = ctx.Output(0, x.Shape).AsSpan<T>();
            for (int i = 0; i < xs.Length; i++)
            {
                int c = i / inner % depth;
                double inv = 1 / Math.Sqrt(variance[c] + eps);
                y[i] = T.CreateChecked(((double.CreateChecked(xs[i]) - mean[c]) * inv * double.CreateChecked(scale[c])) + double.CreateChecked(offset[c]));
            }

            double bessel = training && count > 1 ? count / (count - 1.0) : 1;
            for (int o = 1; o <= 4; o++)
            {
                var dst = ctx.OutputDims(o, [depth]).AsSpan<T>();
                for (int c = 0; c < depth; c++)
                {
                    dst[c] = T.CreateChecked(o % 2 == 1 ? mean[c] : variance[c] * (o == 2 ? bessel : 1));
                }
            }

            if (ctx.Op.Outputs.Count == 6)
            {
                ctx.OutputDims(5, [0]);
            }

            ArrayPool<double>.Shared.Return(mean);
            ArrayPool<double>.Shared.Return(variance);
        };
    }

    /// <summary>Per-channel mean and biased variance (two passes, in double).</summary>
    private static void ChannelMoments<T>(ReadOnlySpan<T> xs, int depth, int inner, int count, double[] mean, double[] variance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Array.Clear(mean, 0, depth);
        Array.Clear(variance, 0, depth);
        for (int i = 0; i < xs.Length; i++)
        {
            mean[i / inner % depth] += double.CreateChecked(xs[i]);
        }

        for (int c = 0; c < depth; c++)
        {
            mean[c] /= count;
        }

        for (int i = 0; i < xs.Length; i++)
        {
            int c = i / inner % depth;
            double d = double.CreateChecked(xs[i]) - mean[c];
            variance[c] += d * d;
        }

        for (int c = 0; c < depth; c++)
        {
            variance[c] /= count;
        }
    }
}
