using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Cumsum and Cumprod (scans along an axis, optionally exclusive and/or reversed) and LinSpace.
internal static partial class IndexOps
{
    private static OpDef Scan(string name, bool product, GradFn grad) => new(name,
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, NumericTypes);
            ctx.ExpectDType(1, IndexTypes);
            ctx.ExpectRank(1, 0);
            var x = ctx.Shape(0);
            if (ConstInt(ctx, 1) is int axis && x.HasRank)
            {
                NormalizeAxis(ctx, axis, Math.Max(x.Rank, 1));
            }

            return InferContext.One(ctx.DType(0), x);
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new ScanKernel(product, b.Attr("exclusive", false), b.Attr("reverse", false))))
    {
        Inputs = ["x: T", "axis: Tidx"], Outputs = ["out: T"],
        AttrDefaults = new Dictionary<string, object> { ["exclusive"] = false, ["reverse"] = false, ["Tidx"] = DType.Int32 },
        Grad = grad,
    };

    /// <summary>y_k = Σ_{j ≤ k} x_j along <c>axis</c> (j &lt; k when exclusive; from the end when reverse).</summary>
    public static readonly OpDef CumsumOp = Scan("Cumsum", product: false, g =>
        [Cumsum(g.Dy, g.X(1), g.Attr<bool>("exclusive"), !g.Attr<bool>("reverse"), null), null]); // dx = the scan of dy in the opposite direction

    /// <summary>y_k = Π_{j ≤ k} x_j along <c>axis</c> (j &lt; k when exclusive; from the end when reverse).</summary>
    /// <remarks>The gradient is TF's formula, dx_i = Σ_{k ≥ i} dy_k · y_k / x_i, which divides by x: like TF's it
    /// is wrong (NaN or Inf) where x has zeros.</remarks>
    public static readonly OpDef CumprodOp = Scan("Cumprod", product: true, g =>
        [Cumsum(g.Y * g.Dy, g.X(1), g.Attr<bool>("exclusive"), !g.Attr<bool>("reverse"), null) / g.X(0), null]); // dx_i = Σ_{k ≥ i} dy_k·y_k / x_i (x ≠ 0)

    public static Tensor Cumsum(Tensor x, Tensor axis, bool exclusive, bool reverse, string? name) =>
        Out("Cumsum", name ?? "Cumsum", [x, axis], ("T", x.DType), ("Tidx", axis.DType), ("exclusive", exclusive), ("reverse", reverse));

    public static Tensor Cumprod(Tensor x, Tensor axis, bool exclusive, bool reverse, string? name) =>
        Out("Cumprod", name ?? "Cumprod", [x, axis], ("T", x.DType), ("Tidx", axis.DType), ("exclusive", exclusive), ("reverse", reverse));

    private sealed class ScanKernel(bool product, bool exclusive, bool reverse) : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var x = ctx.Input(0);
            var y = ctx.Output(0, x.Shape).AsSpan<T>();
            if (x.Rank == 0)
            {
                y[0] = exclusive ? (product ? T.One : T.Zero) : x.AsSpan<T>()[0];
                return;
            }

            int axis = RuntimeAxis(ctx, ctx.Input(1), x.Rank);
            int outer = Indexing.Product(x.Shape, 0, axis), len = x.Shape[axis], inner = Indexing.Product(x.Shape, axis + 1, x.Rank);
            var acc = ArrayPool<T>.Shared.Rent(Math.Max(inner, 1));
            try
            {
                var xs = x.AsSpan<T>();
                for (int o = 0; o < outer; o++)
                {
                    var a = acc.AsSpan(0, inner);
                    a.Fill(product ? T.One : T.Zero);
                    for (int s = 0; s < len; s++)
                    {
                        int k = reverse ? len - 1 - s : s;
                        int off = ((o * len) + k) * inner;
                        var row = xs.Slice(off, inner);
                        var dst = y.Slice(off, inner);
                        if (exclusive)
                        {
                            a.CopyTo(dst);
                        }

                        if (product)
                        {
                            TensorPrimitives.Multiply(a, row, a);
                        }
                        else
                        {
                            TensorPrimitives.Add(a, row, a);
                        }

                        if (!exclusive)
                        {
                            a.CopyTo(dst);
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(acc);
            }
        };
    }

    /// <summary>y_i = start + i · (stop - start) / (num - 1) for i in [0, num), with y_{num-1} = stop.</summary>
    public static readonly OpDef LinSpaceOp = new("LinSpace",
        ctx =>
        {
            ctx.ExpectInputs(3);
            var dtype = ctx.SameDType(0, 2);
            ctx.ExpectDType(0, DType.Float32, DType.Float64);
            ctx.ExpectDType(2, IndexTypes);
            for (int i = 0; i < 3; i++)
            {
                ctx.ExpectRank(i, 0);
            }

            int? num = ConstInt(ctx, 2);
            return num <= 0 ? throw ctx.Error($"Requires num > 0: {num}") : InferContext.One(dtype, [num ?? -1]);
        },
        b => b.InputDType(0) == DType.Float32
            ? ctx => LinSpaceKernel<float>(ctx)
            : ctx => LinSpaceKernel<double>(ctx))
    {
        Inputs = ["start: T", "stop: T", "num: Tidx"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tidx"] = DType.Int32 },
        NoGradient = "TF1 defines no gradient for LinSpace",
    };

    public static Tensor LinSpace(Tensor start, Tensor stop, Tensor num, string? name) =>
        Out("LinSpace", name ?? "LinSpace", [start, stop, num], ("T", start.DType), ("Tidx", num.DType));

    private static void LinSpaceKernel<T>(KernelContext ctx) where T : IFloatingPoint<T>
    {
        T start = ctx.Input(0).Item<T>(), stop = ctx.Input(1).Item<T>();
        int num = ConstantFolding.ToInts(ctx.Input(2))[0];
        if (num <= 0)
        {
            throw new InvalidArgumentException($"LinSpace node '{ctx.Op.Name}': Requires num > 0: {num}");
        }

        var y = ctx.OutputDims(0, [num]).AsSpan<T>();
        T step = num > 1 ? (stop - start) / T.CreateChecked(num - 1) : T.Zero;
        for (int i = 0; i < num; i++)
        {
            y[i] = start + (T.CreateChecked(i) * step);
        }

        y[num - 1] = num > 1 ? stop : start;
    }
}
