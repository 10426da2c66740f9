using System.Numerics;
using System.Runtime.Intrinsics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// TF's activation-gradient ops (ReluGrad, SigmoidGrad, ...): what TF's gradient graphs contain, so imported training
// graphs run, and the fast path of our own rules. Their rules are TF's second-order rules.
internal static partial class NnOps
{
    private static IEnumerable<OpDef> ActivationGradDefs =>
    [
        ReluGradOp, Relu6GradOp, EluGradOp, SeluGradOp, LeakyReluGradOp, SoftplusGradOp, SoftsignGradOp,
        SigmoidGradOp, TanhGradOp, SqrtGradOp, RsqrtGradOp, ReciprocalGradOp,
    ];

    /// <summary>An elementwise op z = F(a, b) over two float tensors of one shape.</summary>
    private static OpDef FloatZip<TFn>(string name, GradFn grad) where TFn : IPairFn => new(name,
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, Floating);
            var dtype = ctx.SameDType();
            if (!ctx.Shape(0).IsCompatibleWith(ctx.Shape(1)))
            {
                throw ctx.Error($"both inputs must have the same shape, got {ctx.Shape(0)} and {ctx.Shape(1)}");
            }

            return InferContext.One(dtype, ctx.Shape(0).MergeWith(ctx.Shape(1)));
        },
        b =>
        {
            int threads = b.Threads;
            return Dispatch.On(b, b.InputDType(0), f32: () => ctx => Zip<TFn, float>(ctx, threads), f64: () => ctx => Zip<TFn, double>(ctx, threads));
        })
    {
        Grad = grad,
    };

    private interface IPairFn
    {
        static abstract T Apply<T>(T a, T b, T alpha) where T : IFloatingPointIeee754<T>;

        /// <summary>The op over the longest whole-Vector512 prefix; returns how many elements it wrote (none unless
        /// the op has a vector form).</summary>
        static virtual int ApplyVectors<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T> => 0;
    }

    private static void Zip<TFn, T>(KernelContext ctx, int threads) where TFn : IPairFn where T : unmanaged, IFloatingPointIeee754<T>
    {
        NDArray a = ctx.Input(0), b = ctx.Input(1);
        if (!a.Shape.Equals(b.Shape))
        {
            throw new InvalidArgumentException($"{ctx.Op.Type} inputs must have the same shape, got {a.Shape} and {b.Shape}");
        }

        var z = ctx.Output(0, a.Shape);
        T alpha = T.CreateChecked(ctx.Op.Attrs.Get("alpha", 0.2));
        int blocks = (z.Size + ZipBlock - 1) / ZipBlock;
        var job = new ZipJob<TFn, T>((T[])a.RawData, (T[])b.RawData, (T[])z.RawData, z.Size, alpha);
        Parallelism.Ranges(blocks, Parallelism.Workers(ZipWork * z.Size, threads, blocks), job);
    }

    // Elements per unit of work a worker takes, and the work per element in the units Parallelism weighs (GEMM
    // multiply-adds; a streamed element costs about sixteen).
    private const int ZipBlock = 1 << 14;
    private const long ZipWork = 16;

    // Blocks [start, end) of ZipBlock elements.
    private readonly struct ZipJob<TFn, T>(T[] a, T[] b, T[] z, int size, T alpha) : IRangeJob
        where TFn : IPairFn
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int worker, int start, int end)
        {
            int from = start * ZipBlock, to = (int)Math.Min((long)end * ZipBlock, size);
            ReadOnlySpan<T> xs = a.AsSpan(from, to - from), ys = b.AsSpan(from, to - from);
            var zs = z.AsSpan(from, to - from);
            for (int i = TFn.ApplyVectors<T>(xs, ys, zs); i < zs.Length; i++)
            {
                zs[i] = TFn.Apply(xs[i], ys[i], alpha);
            }
        }
    }

    private static Tensor Zeros(Tensor like) => ArrayOps.ZerosLike(like, null);

    /// <summary>z = dy · [x > 0] (inputs: gradients, features).</summary>
    public static readonly OpDef ReluGradOp = FloatZip<ReluGradFn>("ReluGrad",
        g => [ReluGrad(g.Dy, g.X(1), null), Zeros(g.X(1))]) // dz/d(dy) = [x > 0], dz/dx = 0 almost everywhere
        with { Inputs = ["gradients: T", "features: T"], Outputs = ["backprops: T"] };

    /// <summary>z = dy · [0 &lt; x &lt; 6] (inputs: gradients, features).</summary>
    public static readonly OpDef Relu6GradOp = FloatZip<Relu6GradFn>("Relu6Grad",
        g => [Relu6Grad(g.Dy, g.X(1), null), Zeros(g.X(1))]) // dz/d(dy) = [0 < x < 6], dz/dx = 0 almost everywhere
        with { Inputs = ["gradients: T", "features: T"], Outputs = ["backprops: T"] };

    /// <summary>z = dy for y > 0, dy · (y + 1) otherwise (inputs: gradients, outputs y = elu(x)).</summary>
    public static readonly OpDef EluGradOp = FloatZip<EluGradFn>("EluGrad",
        g => [EluGrad(g.Dy, g.X(1), null), g.Dy * g.X(0) * Indicator(g.X(1) < 0, g.Dy.DType)]) // dz/d(dy) = elu'(x), dz/dy = dy·[y < 0]
        with { Inputs = ["gradients: T", "outputs: T"], Outputs = ["backprops: T"] };

    /// <summary>z = λ·dy for y > 0, dy · (y + λα) otherwise (inputs: gradients, outputs y = selu(x)).</summary>
    public static readonly OpDef SeluGradOp = FloatZip<SeluGradFn>("SeluGrad",
        g => [SeluGrad(g.Dy, g.X(1), null), g.Dy * g.X(0) * Indicator(g.X(1) < 0, g.Dy.DType)]) // dz/d(dy) = selu'(x), dz/dy = dy·[y < 0]
        with { Inputs = ["gradients: T", "outputs: T"], Outputs = ["backprops: T"] };

    /// <summary>z = dy for x > 0, α·dy otherwise (inputs: gradients, features; attr alpha).</summary>
    public static readonly OpDef LeakyReluGradOp = FloatZip<LeakyReluGradFn>("LeakyReluGrad",
        g => [LeakyReluGrad(g.Dy, g.X(1), g.Attr<double>("alpha"), null), Zeros(g.X(1))]) // dz/d(dy) = [x > 0] + α[x ≤ 0], dz/dx = 0
        with { Inputs = ["gradients: T", "features: T"], Outputs = ["backprops: T"], AttrDefaults = new Dictionary<string, object> { ["alpha"] = 0.2f } };

    /// <summary>z = dy · σ(x) (inputs: gradients, features).</summary>
    public static readonly OpDef SoftplusGradOp = FloatZip<SoftplusGradFn>("SoftplusGrad",
        g => [SoftplusGrad(g.Dy, g.X(1), null),
              g.Dy * g.X(0) / (MathOps.Exp(-g.X(1), null) + 2 + MathOps.Exp(g.X(1), null))]) // dz/dx = dy · σ'(x) = dy / (e⁻ˣ + 2 + eˣ)
        with { Inputs = ["gradients: T", "features: T"], Outputs = ["backprops: T"] };

    /// <summary>z = dy / (1 + |x|)² (inputs: gradients, features).</summary>
    public static readonly OpDef SoftsignGradOp = FloatZip<SoftsignGradFn>("SoftsignGrad", g =>
    {
        var a = 1 + MathOps.Abs(g.X(1), null);
        return [SoftsignGrad(g.Dy, g.X(1), null), -2 * g.Dy * g.X(0) * MathOps.Sign(g.X(1), null) / (a * a * a)]; // dz/dx = -2·dy·sign(x) / (1 + |x|)³
    })
        with { Inputs = ["gradients: T", "features: T"], Outputs = ["backprops: T"] };

    /// <summary>z = dy · y(1 - y) (inputs: y = σ(x), dy).</summary>
    public static readonly OpDef SigmoidGradOp = FloatZip<SigmoidGradFn>("SigmoidGrad",
        g => [g.Dy * g.X(1) * (1 - (2 * g.X(0))), SigmoidGrad(g.X(0), g.Dy, null)]) // dz/dy = dy(1 - 2y), dz/d(dy) = y(1 - y)
        with { Inputs = ["y: T", "dy: T"], Outputs = ["z: T"] };

    /// <summary>z = dy · (1 - y²) (inputs: y = tanh x, dy).</summary>
    public static readonly OpDef TanhGradOp = FloatZip<TanhGradFn>("TanhGrad",
        g => [-2 * g.Dy * g.X(1) * g.X(0), TanhGrad(g.X(0), g.Dy, null)]) // dz/dy = -2·dy·y, dz/d(dy) = 1 - y²
        with { Inputs = ["y: T", "dy: T"], Outputs = ["z: T"] };

    /// <summary>z = dy / (2y) (inputs: y = √x, dy).</summary>
    public static readonly OpDef SqrtGradOp = FloatZip<SqrtGradFn>("SqrtGrad",
        g => [-g.Dy * g.Y / g.X(0), 0.5 * g.Dy / g.X(0)]) // dz/dy = -z/y, dz/d(dy) = 1/(2y)
        with { Inputs = ["y: T", "dy: T"], Outputs = ["z: T"] };

    /// <summary>z = -dy · y³ / 2 (inputs: y = 1/√x, dy).</summary>
    public static readonly OpDef RsqrtGradOp = FloatZip<RsqrtGradFn>("RsqrtGrad",
        g => [-1.5 * g.Dy * g.X(1) * g.X(0) * g.X(0), RsqrtGrad(g.X(0), g.Dy, null)]) // dz/dy = -3/2·dy·y², dz/d(dy) = -y³/2
        with { Inputs = ["y: T", "dy: T"], Outputs = ["z: T"] };

    /// <summary>z = -dy · y² (inputs: y = 1/x, dy).</summary>
    public static readonly OpDef ReciprocalGradOp = FloatZip<ReciprocalGradFn>("ReciprocalGrad",
        g => [-2 * g.Dy * g.X(1) * g.X(0), ReciprocalGrad(g.X(0), g.Dy, null)]) // dz/dy = -2·dy·y, dz/d(dy) = -y²
        with { Inputs = ["y: T", "dy: T"], Outputs = ["z: T"] };

    private static Tensor GradOp(string type, Tensor a, Tensor b, string? name) => Out(type, name, [a, b], ("T", a.DType));

    public static Tensor ReluGrad(Tensor gradients, Tensor features, string? name) => GradOp("ReluGrad", gradients, features, name);

    public static Tensor Relu6Grad(Tensor gradients, Tensor features, string? name) => GradOp("Relu6Grad", gradients, features, name);

    public static Tensor EluGrad(Tensor gradients, Tensor outputs, string? name) => GradOp("EluGrad", gradients, outputs, name);

    public static Tensor SeluGrad(Tensor gradients, Tensor outputs, string? name) => GradOp("SeluGrad", gradients, outputs, name);

    public static Tensor LeakyReluGrad(Tensor gradients, Tensor features, double alpha, string? name) =>
        Out("LeakyReluGrad", name, [gradients, features], ("alpha", alpha), ("T", gradients.DType));

    public static Tensor SoftplusGrad(Tensor gradients, Tensor features, string? name) => GradOp("SoftplusGrad", gradients, features, name);

    public static Tensor SoftsignGrad(Tensor gradients, Tensor features, string? name) => GradOp("SoftsignGrad", gradients, features, name);

    public static Tensor SigmoidGrad(Tensor y, Tensor dy, string? name) => GradOp("SigmoidGrad", y, dy, name);

    public static Tensor TanhGrad(Tensor y, Tensor dy, string? name) => GradOp("TanhGrad", y, dy, name);

    public static Tensor SqrtGrad(Tensor y, Tensor dy, string? name) => GradOp("SqrtGrad", y, dy, name);

    public static Tensor RsqrtGrad(Tensor y, Tensor dy, string? name) => GradOp("RsqrtGrad", y, dy, name);

    public static Tensor ReciprocalGrad(Tensor y, Tensor dy, string? name) => GradOp("ReciprocalGrad", y, dy, name);

    private sealed class ReluGradFn : IPairFn
    {
        public static T Apply<T>(T dy, T x, T alpha) where T : IFloatingPointIeee754<T> => x > T.Zero ? dy : T.Zero;

        // NOTE: vectorized because every ReLU network's backward pass runs it over each activation (6.5% of a CNN step).
        public static int ApplyVectors<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> x, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int i = 0, width = Vector512<T>.Count;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= z.Length - width; i += width)
                {
                    var keep = Vector512.GreaterThan(Vector512.Create(x.Slice(i, width)), Vector512<T>.Zero);
                    Vector512.ConditionalSelect(keep, Vector512.Create(dy.Slice(i, width)), Vector512<T>.Zero).CopyTo(z.Slice(i, width));
                }
            }

            return i;
        }
    }

    private sealed class Relu6GradFn : IPairFn
    {
        public static T Apply<T>(T dy, T x, T alpha) where T : IFloatingPointIeee754<T> =>
            x > T.Zero && x < T.CreateChecked(6) ? dy : T.Zero;
    }

    private sealed class EluGradFn : IPairFn
    {
        public static T Apply<T>(T dy, T y, T alpha) where T : IFloatingPointIeee754<T> => y < T.Zero ? dy * (y + T.One) : dy;
    }

    private sealed class SeluGradFn : IPairFn
    {
        public static T Apply<T>(T dy, T y, T alpha) where T : IFloatingPointIeee754<T> => y < T.Zero
            ? dy * (y + T.CreateChecked(SeluScale * SeluAlpha))
            : dy * T.CreateChecked(SeluScale);
    }

    private sealed class LeakyReluGradFn : IPairFn
    {
        public static T Apply<T>(T dy, T x, T alpha) where T : IFloatingPointIeee754<T> => x > T.Zero ? dy : dy * alpha;
    }

    private sealed class SoftplusGradFn : IPairFn
    {
        public static T Apply<T>(T dy, T x, T alpha) where T : IFloatingPointIeee754<T> => dy / (T.One + T.Exp(-x));
    }

    private sealed class SoftsignGradFn : IPairFn
    {
        public static T Apply<T>(T dy, T x, T alpha) where T : IFloatingPointIeee754<T>
        {
            T a = T.One + T.Abs(x);
            return dy / (a * a);
        }
    }

    private sealed class SigmoidGradFn : IPairFn
    {
        public static T Apply<T>(T y, T dy, T alpha) where T : IFloatingPointIeee754<T> => dy * y * (T.One - y);

        // NOTE: vectorized because an LSTM's backward pass runs it three times per time step (6% of a step).
        public static int ApplyVectors<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int i = 0, width = Vector512<T>.Count;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= z.Length - width; i += width)
                {
                    var yv = Vector512.Create(y.Slice(i, width));
                    (Vector512.Create(dy.Slice(i, width)) * yv * (Vector512<T>.One - yv)).CopyTo(z.Slice(i, width));
                }
            }

            return i;
        }
    }

    private sealed class TanhGradFn : IPairFn
    {
        public static T Apply<T>(T y, T dy, T alpha) where T : IFloatingPointIeee754<T> => dy * (T.One - (y * y));

        // NOTE: vectorized because an LSTM's backward pass runs it twice per time step (4% of a step).
        public static int ApplyVectors<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int i = 0, width = Vector512<T>.Count;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= z.Length - width; i += width)
                {
                    var yv = Vector512.Create(y.Slice(i, width));
                    (Vector512.Create(dy.Slice(i, width)) * (Vector512<T>.One - (yv * yv))).CopyTo(z.Slice(i, width));
                }
            }

            return i;
        }
    }

    private sealed class SqrtGradFn : IPairFn
    {
        public static T Apply<T>(T y, T dy, T alpha) where T : IFloatingPointIeee754<T> => dy * T.CreateChecked(0.5) / y;
    }

    private sealed class RsqrtGradFn : IPairFn
    {
        public static T Apply<T>(T y, T dy, T alpha) where T : IFloatingPointIeee754<T> => dy * T.CreateChecked(-0.5) * y * y * y;
    }

    private sealed class ReciprocalGradFn : IPairFn
    {
        public static T Apply<T>(T y, T dy, T alpha) where T : IFloatingPointIeee754<T> => -dy * y * y;
    }
}
