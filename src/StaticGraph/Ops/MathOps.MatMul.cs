using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Matrix product of two rank-2 tensors.
internal static partial class MathOps
{
    /// <summary>C = op(A) · op(B), op = transpose where transpose_a / transpose_b.</summary>
    public static readonly OpDef MatMulOp = new("MatMul",
        ctx =>
        {
            ctx.ExpectInputs(2);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
            ctx.ExpectRank(0, 2);
            ctx.ExpectRank(1, 2);
            bool ta = ctx.Attr("transpose_a", false), tb = ctx.Attr("transpose_b", false);
            var (a, b) = (ctx.Shape(0), ctx.Shape(1));
            int m = a[ta ? 1 : 0], k1 = a[ta ? 0 : 1], k2 = b[tb ? 1 : 0], n = b[tb ? 0 : 1];
            if (k1 >= 0 && k2 >= 0 && k1 != k2)
            {
                throw ctx.Error($"Dimensions must be equal, but are {k1} and {k2}");
            }

            return InferContext.One(dtype, [m, n]);
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new MatMulKernel(b.Attr("transpose_a", false), b.Attr("transpose_b", false), b.Threads)))
    {
        Inputs = ["a: T", "b: T"], Outputs = ["product: T"],
        AttrDefaults = new Dictionary<string, object> { ["transpose_a"] = false, ["transpose_b"] = false },
        Grad = MatMulGrad,
    };

    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA, bool transposeB, string? name) =>
        Out("MatMul", name, [a, b], ("T", a.DType), ("transpose_a", transposeA), ("transpose_b", transposeB));

    private static Tensor?[] MatMulGrad(Autodiff.GradContext g)
    {
        bool ta = g.Attr<bool>("transpose_a"), tb = g.Attr<bool>("transpose_b");
        var (a, b, dy) = (g.X(0), g.X(1), g.Dy);
        return (ta, tb) switch
        {
            (false, false) => [MatMul(dy, b, false, true, null), MatMul(a, dy, true, false, null)], // dA = dY·Bᵀ, dB = Aᵀ·dY
            (false, true) => [MatMul(dy, b, false, false, null), MatMul(dy, a, true, false, null)], // dA = dY·B, dB = dYᵀ·A
            (true, false) => [MatMul(b, dy, false, true, null), MatMul(a, dy, false, false, null)], // dA = B·dYᵀ, dB = A·dY
            (true, true) => [MatMul(b, dy, true, true, null), MatMul(dy, a, true, true, null)], // dA = Bᵀ·dYᵀ, dB = dYᵀ·Aᵀ
        };
    }

    /// <summary>The kernel of y = c + op(A)·op(B) over MatMul node <paramref name="b"/>'s operands, with inputs
    /// (c, A, B): the GEMM accumulates into y, which the plan may place in c's buffer. The compiler's
    /// <see cref="Execution.Passes.ProductAccumulation"/> pass binds it for an AddN of a product.</summary>
    internal static Kernel MatMulAddKernel(KernelBuild b) =>
        Dispatch.Numeric(b, b.InputDType(0), new MatMulKernel(b.Attr("transpose_a", false), b.Attr("transpose_b", false), b.Threads, Accumulate: true));

    private sealed class MatMulKernel(bool transposeA, bool transposeB, int threads, bool Accumulate = false) : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T>
        {
            PackedB<T>? kept = null; // B as last packed, while a loop keeps reading the same invariant B
            return ctx =>
            {
                int first = Accumulate ? 1 : 0;
                var a = ctx.Input(first);
                var b = ctx.Input(first + 1);
                int m = a.Shape[transposeA ? 1 : 0], k = a.Shape[transposeA ? 0 : 1];
                int kb = b.Shape[transposeB ? 1 : 0], n = b.Shape[transposeB ? 0 : 1];
                if (k != kb)
                {
                    throw new InvalidArgumentException($"Matrix size-incompatible: In[0]: {a.Shape}, In[1]: {b.Shape}");
                }

                if (!Accumulate)
                {
                    var c = ctx.OutputDims(0, [m, n]);
                    Product(ctx, a, b, c, m, n, k, accumulate: false);
                    return;
                }

                var c0 = ctx.Input(0);
                if (c0.Rank != 2 || c0.Shape[0] != m || c0.Shape[1] != n)
                {
                    throw new InvalidArgumentException($"AddN inputs must have the same shape: {c0.Shape} and the product's [{m},{n}]");
                }

                var sum = ctx.Output(0, c0.Shape);
                if (!ReferenceEquals(sum.RawData, c0.RawData))
                {
                    c0.AsSpan<T>().CopyTo(sum.AsSpan<T>());
                }

                Product(ctx, a, b, sum, m, n, k, accumulate: true);
            };

            // A loop-invariant B (a recurrent weight inside a While body) is packed on the loop's first iteration
            // and read packed by the rest; anything else is packed per product as usual.
            void Product(KernelContext ctx, NDArray a, NDArray b, NDArray c, int m, int n, int k, bool accumulate)
            {
                if (!ctx.IsLoopInvariant(Accumulate ? 2 : 1) || !Gemm.KeepsOrientation<T>(m, n))
                {
                    Gemm.Multiply<T>(a.AsSpan<T>(), b.AsSpan<T>(), c.AsSpan<T>(), m, n, k, transposeA, transposeB, threads, accumulate);
                    return;
                }

                // Taken out while in use, so a concurrent call of the same step never sees it half repacked.
                var packed = Interlocked.Exchange(ref kept, null) ?? new PackedB<T>();
                if (packed.Stamp != ctx.Invocation || !ReferenceEquals(packed.Source, b.RawData)
                    || !packed.Fits(k, n, transposeB, Gemm.BestWidth))
                {
                    packed.Pack(b.AsSpan<T>(), k, n, transposeB, Gemm.BestWidth);
                    (packed.Source, packed.Stamp) = (b.RawData, ctx.Invocation);
                }

                Gemm.Multiply<T>(a.AsSpan<T>(), packed, c.AsSpan<T>(), m, transposeA, threads, accumulate);
                Volatile.Write(ref kept, packed);
            }
        }
    }
}
