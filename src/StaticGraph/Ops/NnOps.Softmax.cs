using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Softmax, LogSoftmax, the two softmax cross-entropy losses and L2Loss. NOTE: the losses are primitives for numerical
// stability: they work on x - max x, so logits like [1000, 0, -1000] give finite losses and gradients.
internal static partial class NnOps
{
    private static TensorSpec[] LastAxisUnary(InferContext ctx)
    {
        var specs = FloatUnary(ctx);
        if (ctx.Shape(0).HasRank && ctx.Shape(0).Rank < 1)
        {
            throw ctx.Error($"logits must have rank >= 1, got shape {ctx.Shape(0)}");
        }

        return specs;
    }

    /// <summary>y_i = e^(x_i - max x) / Σ_j e^(x_j - max x) along the last axis.</summary>
    public static readonly OpDef SoftmaxOp = new("Softmax", LastAxisUnary,
        b => Dispatch.On(b, b.InputDType(0), f32: () => SoftmaxKernel<float>(log: false), f64: () => SoftmaxKernel<double>(log: false)))
    {
        Inputs = ["logits: T"], Outputs = ["softmax: T"],
        // dx = (dy - Σ_j dy_j·y_j) · y
        Grad = g => [(g.Dy - ReduceOps.Sum(g.Dy * g.Y, [-1], true, null)) * g.Y],
    };

    /// <summary>y_i = x_i - max x - ln Σ_j e^(x_j - max x) along the last axis.</summary>
    public static readonly OpDef LogSoftmaxOp = new("LogSoftmax", LastAxisUnary,
        b => Dispatch.On(b, b.InputDType(0), f32: () => SoftmaxKernel<float>(log: true), f64: () => SoftmaxKernel<double>(log: true)))
    {
        Inputs = ["logits: T"], Outputs = ["logsoftmax: T"],
        // dx = dy - e^y · Σ_j dy_j
        Grad = g => [g.Dy - (MathOps.Exp(g.Y, null) * ReduceOps.Sum(g.Dy, [-1], true, null))],
    };

    public static Tensor Softmax(Tensor logits, string? name) => Out("Softmax", name, [logits], ("T", logits.DType));

    public static Tensor LogSoftmax(Tensor logits, string? name) => Out("LogSoftmax", name, [logits], ("T", logits.DType));

    private static Kernel SoftmaxKernel<T>(bool log) where T : unmanaged, IFloatingPointIeee754<T> => ctx =>
    {
        var x = ctx.Input(0);
        var y = ctx.Output(0, x.Shape);
        int n = x.Shape[-1];
        var xs = x.AsSpan<T>();
        var ys = y.AsSpan<T>();
        for (int r = 0; n > 0 && r < xs.Length / n; r++)
        {
            var dst = ys.Slice(r * n, n);
            TensorPrimitives.Subtract(xs.Slice(r * n, n), TensorPrimitives.Max<T>(xs.Slice(r * n, n)), dst);
            if (log)
            {
                T lse = LogSumExp<T>(dst);
                TensorPrimitives.Subtract(dst, lse, dst);
            }
            else
            {
                TensorPrimitives.Exp<T>(dst, dst);
                TensorPrimitives.Divide(dst, TensorPrimitives.Sum<T>(dst), dst);
            }
        }
    };

    /// <summary>ln Σ eˣ of a row already shifted so its max is 0.</summary>
    private static T LogSumExp<T>(ReadOnlySpan<T> shifted) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T v in shifted)
        {
            sum += T.Exp(v);
        }

        return T.Log(sum);
    }

    private static TensorSpec[] CrossEntropyInfer(InferContext ctx, bool sparse)
    {
        ctx.ExpectInputs(2);
        var dtype = ctx.ExpectDType(0, Floating);
        ctx.ExpectRank(0, 2);
        ctx.ExpectRank(1, sparse ? 1 : 2);
        var (features, labels) = (ctx.Shape(0), ctx.Shape(1));
        Shape batch = features.HasRank ? [features[0]] : [-1];
        if (sparse)
        {
            ctx.ExpectDType(1, DType.Int32, DType.Int64);
            if (!batch.IsCompatibleWith(labels))
            {
                throw ctx.Error($"logits and labels must have the same first dimension, got logits shape {features} and labels shape {labels}");
            }

            batch = batch.MergeWith(labels);
        }
        else
        {
            ctx.SameDType();
            if (!features.IsCompatibleWith(labels))
            {
                throw ctx.Error($"logits and labels must be the same size: logits_size={features} labels_size={labels}");
            }

            batch = features.MergeWith(labels) is { HasRank: true } m ? [m[0]] : batch;
        }

        var classes = features.HasRank ? features[1] : !sparse && labels.HasRank ? labels[1] : -1;
        return [new TensorSpec(dtype, batch), new TensorSpec(dtype, [batch[0], classes])];
    }

    /// <summary>loss = Σ_j -labels_j · log_softmax(features)_j per row; backprop = softmax(features) - labels.</summary>
    public static readonly OpDef SoftmaxCrossEntropyWithLogitsOp = new("SoftmaxCrossEntropyWithLogits",
        ctx => CrossEntropyInfer(ctx, sparse: false),
        b => Dispatch.On(b, b.InputDType(0), f32: () => CrossEntropy<float, float>, f64: () => CrossEntropy<double, double>))
    {
        Inputs = ["features: T", "labels: T"], Outputs = ["loss: T", "backprop: T"],
        Grad = g =>
        {
            var (logits, dloss) = (g.X(0), Column(g.Dy));
            var dlogits = g.Op.Outputs[1] * dloss;   // dloss/dlogits = softmax - labels
            var dlabels = -LogSoftmax(logits, null) * dloss; // dloss/dlabels = -log_softmax(logits)
            if (g.Dys[1] is Tensor gg)
            {
                // backprop = softmax(logits) - labels: its Jacobian-vector product with gg.
                var p = Softmax(logits, null);
                dlogits += (gg - ReduceOps.Sum(gg * p, [-1], true, null)) * p;
                dlabels -= gg;
            }

            return [dlogits, dlabels];
        },
    };

    /// <summary>loss = -log_softmax(features)[label] per row; backprop = softmax(features) - one_hot(label).</summary>
    public static readonly OpDef SparseSoftmaxCrossEntropyWithLogitsOp = new("SparseSoftmaxCrossEntropyWithLogits",
        ctx => CrossEntropyInfer(ctx, sparse: true),
        b => Dispatch.On(b, b.InputDType(0),
            f32: () => b.InputDType(1) == DType.Int64 ? CrossEntropy<float, long> : CrossEntropy<float, int>,
            f64: () => b.InputDType(1) == DType.Int64 ? CrossEntropy<double, long> : CrossEntropy<double, int>))
    {
        Inputs = ["features: T", "labels: Tlabels"], Outputs = ["loss: T", "backprop: T"],
        Grad = g =>
        {
            var dlogits = g.Op.Outputs[1] * Column(g.Dy); // dloss/dlogits = softmax - one_hot(label)
            if (g.Dys[1] is Tensor gg)
            {
                var p = Softmax(g.X(0), null);
                dlogits += (gg - ReduceOps.Sum(gg * p, [-1], true, null)) * p;
            }

            return [dlogits, null];
        },
    };

    public static (Tensor Loss, Tensor Backprop) SoftmaxCrossEntropyWithLogits(Tensor features, Tensor labels, string? name)
    {
        var op = Op("SoftmaxCrossEntropyWithLogits", name, [features, labels], ("T", features.DType));
        return (op.Outputs[0], op.Outputs[1]);
    }

    public static (Tensor Loss, Tensor Backprop) SparseSoftmaxCrossEntropyWithLogits(Tensor features, Tensor labels, string? name)
    {
        var op = Op("SparseSoftmaxCrossEntropyWithLogits", name, [features, labels], ("T", features.DType), ("Tlabels", labels.DType));
        return (op.Outputs[0], op.Outputs[1]);
    }

    /// <summary>Dense labels (TL = T) or sparse int labels (TL = int/long), one row at a time.</summary>
    private static void CrossEntropy<T, TL>(KernelContext ctx) where T : unmanaged, IFloatingPointIeee754<T> where TL : unmanaged, INumber<TL>
    {
        NDArray features = ctx.Input(0), labels = ctx.Input(1);
        bool sparse = typeof(TL) != typeof(T);
        int batch = features.Shape[0], classes = features.Shape[1];
        if (sparse ? labels.Shape[0] != batch : !labels.Shape.Equals(features.Shape))
        {
            throw new InvalidArgumentException($"logits and labels must have matching shapes, got logits {features.Shape} and labels {labels.Shape}");
        }

        var x = features.AsSpan<T>();
        var l = labels.AsSpan<TL>();
        var loss = ctx.OutputDims(0, [batch]).AsSpan<T>();
        var backprop = ctx.Output(1, features.Shape).AsSpan<T>();
        for (int r = 0; r < batch; r++)
        {
            if (classes == 0)
            {
                loss[r] = T.Zero;
                continue;
            }

            var bp = backprop.Slice(r * classes, classes);
            TensorPrimitives.Subtract(x.Slice(r * classes, classes), TensorPrimitives.Max<T>(x.Slice(r * classes, classes)), bp);
            T lse = LogSumExp<T>(bp);
            if (sparse)
            {
                long label = long.CreateTruncating(l[r]);
                if (label < 0 || label >= classes)
                {
                    throw new InvalidArgumentException(
                        $"Received a label value of {label} which is outside the valid range of [0, {classes}) (row {r}).");
                }

                loss[r] = lse - bp[(int)label];
                TensorPrimitives.Subtract(bp, lse, bp);
                TensorPrimitives.Exp<T>(bp, bp);
                bp[(int)label] -= T.One;
            }
            else
            {
                var lr = MemoryMarshalCast<TL, T>(l.Slice(r * classes, classes));
                loss[r] = (lse * TensorPrimitives.Sum<T>(lr)) - TensorPrimitives.Dot<T>(lr, bp);
                TensorPrimitives.Subtract(bp, lse, bp);
                TensorPrimitives.Exp<T>(bp, bp);
                TensorPrimitives.Subtract(bp, lr, bp);
            }
        }
    }

    private static ReadOnlySpan<TTo> MemoryMarshalCast<TFrom, TTo>(Span<TFrom> s) where TFrom : unmanaged where TTo : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(s);

    /// <summary>y = Σ x² / 2.</summary>
    public static readonly OpDef L2LossOp = new("L2Loss",
        ctx =>
        {
            ctx.ExpectInputs(1);
            return InferContext.One(ctx.ExpectDType(0, Floating), StaticGraph.Shape.Scalar);
        },
        b => Dispatch.On(b, b.InputDType(0), f32: () => L2LossKernel<float>, f64: () => L2LossKernel<double>))
    {
        Inputs = ["t: T"], Outputs = ["output: T"],
        Grad = g => [g.X(0) * g.Dy], // dy/dx = x
    };

    public static Tensor L2Loss(Tensor t, string? name) => Out("L2Loss", name, [t], ("T", t.DType));

    private static void L2LossKernel<T>(KernelContext ctx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = ctx.Input(0).AsSpan<T>();
        ctx.Output(0, StaticGraph.Shape.Scalar).AsSpan<T>()[0] = x.Length == 0 ? T.Zero : TensorPrimitives.SumOfSquares<T>(x) / T.CreateChecked(2);
    }
}
