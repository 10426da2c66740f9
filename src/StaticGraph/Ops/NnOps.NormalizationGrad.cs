using System.Buffers;
using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// FusedBatchNormGrad / FusedBatchNormGradV3: the gradient of fused batch normalization, as TF's gradient graphs
// contain it. Their own rule (second order) differentiates the same formula written with primitives, as TF does.
internal static partial class NnOps
{
    private static OpDef FusedBatchNormGradDef(string name, bool v3) => new(name,
        ctx =>
        {
            int depth = CheckBatchNormInputs(ctx, v3 ? 6 : 5, 1, [2, 3, 4], []);
            if (!ctx.Shape(0).IsCompatibleWith(ctx.Shape(1)))
            {
                throw ctx.Error($"y_backprop and x must have the same shape, got {ctx.Shape(0)} and {ctx.Shape(1)}");
            }

            var dtype = ctx.DType(0);
            var (channels, empty) = (new TensorSpec(dtype, [depth]), new TensorSpec(dtype, [0]));
            return [new(dtype, ctx.Shape(0).MergeWith(ctx.Shape(1))), channels, channels, empty, empty];
        },
        b => Dispatch.On(b, b.InputDType(0), f32: () => BatchNormGradKernel<float>(b), f64: () => BatchNormGradKernel<double>(b)))
    {
        Grad = g =>
        {
            var (dy, x, scale) = (g.X(0), g.X(1), g.X(2));
            var ys = BatchNormGradFormula(dy, x, scale, g.X(3), g.X(4), g.Attr<double>("epsilon"), Nchw(g.Op.Attrs), g.Attr<bool>("is_training"));
            var pairs = Enumerable.Range(0, 3).Where(i => g.Dys[i] is not null).ToArray();
            var grads = Autodiff.Gradients.Compute(pairs.Select(i => ys[i]).ToArray(), [dy, x, scale],
                pairs.Select(i => g.Dys[i]).ToArray(), null, UnconnectedGradients.Zero, "FusedBatchNormGradGrad");
            return v3 ? [grads[0], grads[1], grads[2], null, null, null] : [grads[0], grads[1], grads[2], null, null];
        },
        AttrDefaults = BatchNormDefaults,
    };

    /// <summary>dx = scale/√(σ² + ε) · (dy - mean(dy) - (x - μ) · mean(dy·(x - μ)) / (σ² + ε)) in training,
    /// dy · scale/√(σ² + ε) in inference; dscale = Σ dy·(x - μ)/√(σ² + ε); doffset = Σ dy (μ, σ² = reserve_space_1/2).</summary>
    public static readonly OpDef FusedBatchNormGradOp = FusedBatchNormGradDef("FusedBatchNormGrad", v3: false)
        with { Inputs = ["y_backprop: T", "x: T", "scale: T", "reserve_space_1: T", "reserve_space_2: T"], Outputs = ["x_backprop: T", "scale_backprop: T", "offset_backprop: T", "reserve_space_3: T", "reserve_space_4: T"] };

    /// <summary>FusedBatchNormGrad with the extra input reserve_space_3 (unused here) and the type attr U.</summary>
    public static readonly OpDef FusedBatchNormGradV3Op = FusedBatchNormGradDef("FusedBatchNormGradV3", v3: true)
        with { Inputs = ["y_backprop: T", "x: T", "scale: float", "reserve_space_1: U", "reserve_space_2: U", "reserve_space_3: U"], Outputs = ["x_backprop: T", "scale_backprop: U", "offset_backprop: U", "reserve_space_4: U", "reserve_space_5: U"] };

    public static Tensor[] FusedBatchNormGrad(Tensor dy, Tensor x, Tensor scale, Tensor reserve1, Tensor reserve2, Tensor? reserve3,
        double epsilon, string dataFormat, bool isTraining, string? name)
    {
        var attrs = new List<(string, object)>
        {
            ("T", x.DType), ("epsilon", epsilon), ("data_format", dataFormat), ("is_training", isTraining),
        };
        Tensor[] inputs = [dy, x, scale, reserve1, reserve2];
        if (reserve3 is not null)
        {
            attrs.Add(("U", scale.DType));
            inputs = [.. inputs, reserve3];
        }

        return [.. Op(reserve3 is null ? "FusedBatchNormGrad" : "FusedBatchNormGradV3", name, inputs, [.. attrs]).Outputs];
    }

    // The gradient formula with primitives (TF's _BatchNormGrad). In training the statistics are recomputed from x, so
    // differentiating it accounts for their dependence on x.
    private static Tensor[] BatchNormGradFormula(Tensor dy, Tensor x, Tensor scale, Tensor mean, Tensor variance,
        double epsilon, bool nchw, bool training)
    {
        int[] axes = nchw ? [0, 2, 3] : [0, 1, 2];
        Tensor PerChannel(Tensor v) => nchw ? ArrayOps.Reshape(v, IntVector([1, -1, 1, 1], v.Graph), null) : v;
        Tensor Flat(Tensor v) => nchw ? ArrayOps.Reshape(v, IntVector([-1], v.Graph), null) : v;
        var s = PerChannel(scale);
        var offsetGrad = ReduceOps.Sum(dy, axes, false, null);
        if (!training)
        {
            var inv = MathOps.Rsqrt(PerChannel(variance) + epsilon, null);
            var centered = x - PerChannel(mean);
            return [dy * s * inv, Flat(ReduceOps.Sum(dy * centered, axes, nchw, null) * inv), offsetGrad];
        }

        var mu = ReduceOps.Mean(x, axes, nchw, null);
        var xc = x - mu;
        var v = ReduceOps.Mean(MathOps.Square(x - AutodiffOps.StopGradient(mu, null), null), axes, nchw, null) + epsilon;
        var rs = MathOps.Rsqrt(v, null);
        var meanDyXc = ReduceOps.Mean(dy * xc, axes, nchw, null);
        var dx = s * rs * (dy - ReduceOps.Mean(dy, axes, nchw, null) - (MathOps.Reciprocal(v, null) * meanDyXc * xc));
        return [dx, Flat(rs * ReduceOps.Sum(dy * xc, axes, nchw, null)), offsetGrad];
    }

    private static Kernel BatchNormGradKernel<T>(KernelBuild b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool training = b.Attr("is_training", true), nchw = Nchw(b.Op.Attrs);
        double eps = b.Attr("epsilon", 1e-4);
        return ctx =>
        {
            NDArray dyArr = ctx.Input(0), x = ctx.Input(1);
            if (!dyArr.Shape.Equals(x.Shape))
            {
                throw new InvalidArgumentException($"y_backprop and x must have the same shape, got {dyArr.Shape} and {x.Shape}");
            }

            var (depth, inner, count) = Geometry(x.Shape, nchw);
            var scale = Channels<T>(ctx, 2, depth, "scale");
            var mean = Channels<T>(ctx, 3, depth, "reserve_space_1");
            var variance = Channels<T>(ctx, 4, depth, "reserve_space_2");
            var sumDy = ArrayPool<double>.Shared.Rent(depth);
            var sumDyXc = ArrayPool<double>.Shared.Rent(depth);
            Array.Clear(sumDy, 0, depth);
            Array.Clear(sumDyXc, 0, depth);
            var dy = dyArr.AsSpan<T>();
            var xs = x.AsSpan<T>();
            for (int i = 0; i < xs.Length; i++)
            {
                int c = i / inner % depth;
                double g = double.CreateChecked(dy[i]);
                sumDy[c] += g;
                sumDyXc[c] += g * (double.CreateChecked(xs[i]) - double.CreateChecked(mean[c]));
            }

            var dx = ctx.Output(0, x.Shape).AsSpan<T>();
            for (int i = 0; i < xs.Length; i++)
            {
                int c = i / inner % depth;
                double v = double.CreateChecked(variance[c]) + eps, k = double.CreateChecked(scale[c]) / Math.Sqrt(v);
                double g = double.CreateChecked(dy[i]);
                dx[i] = T.CreateChecked(training
                    ? k * (g - (sumDy[c] / count) - ((double.CreateChecked(xs[i]) - double.CreateChecked(mean[c])) * sumDyXc[c] / count / v))
                    : k * g);
            }

            var dscale = ctx.OutputDims(1, [depth]).AsSpan<T>();
            var doffset = ctx.OutputDims(2, [depth]).AsSpan<T>();
            for (int c = 0; c < depth; c++)
            {
                dscale[c] = T.CreateChecked(sumDyXc[c] / Math.Sqrt(double.CreateChecked(variance[c]) + eps));
                doffset[c] = T.CreateChecked(sumDy[c]);
            }

            ctx.OutputDims(3, [0]);
            ctx.OutputDims(4, [0]);
            ArrayPool<double>.Shared.Return(sumDy);
            ArrayPool<double>.Shared.Return(sumDyXc);
        };
    }
}
