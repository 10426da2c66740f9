using System.Numerics;
using System.Numerics.Tensors;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Reductions over axes given as an int32/int64 tensor (TF's <c>reduction_indices</c>) with
/// <c>keep_dims</c>: Sum, Mean, Max, Min, Prod; and ArgMax, ArgMin along one axis.</summary>
internal static class ReduceOps
{
    public static IEnumerable<OpDef> Defs => [SumOp, MeanOp, MaxOp, MinOp, ProdOp, ArgMaxOp, ArgMinOp];

    private static readonly DType[] Numeric = [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8];

    private static OpDef Reduction(string name, Func<KernelBuild, INumericFunc<Kernel>> bind, GradFn? grad) => new(name,
        InferReduction,
        b => Dispatch.Numeric(b, b.InputDType(0), bind(b)))
    {
        Inputs = ["input: T", "reduction_indices: Tidx"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["keep_dims"] = false, ["Tidx"] = DType.Int32 },
        Grad = grad,
    };

    /// <summary>y = Σ x over the axes.</summary>
    public static readonly OpDef SumOp = Reduction("Sum", b => new ReduceKernel<SumReduction>(b), SumGrad) with
    {
        // A gradient's Sum over the broadcast axes usually has none to reduce: it then runs in its input's buffer.
        InPlaceInput = 0,
        InPlaceAnyShape = true,
    };

    /// <summary>y = (Σ x) / n over the axes (integer inputs divide with truncation).</summary>
    public static readonly OpDef MeanOp = Reduction("Mean", b => new ReduceKernel<MeanReduction>(b), g =>
    {
        var count = ArrayOps.Cast(ArrayOps.Size(g.X(0), DType.Int32, null), g.Dy.DType, null)
            / ArrayOps.Cast(ArrayOps.Size(g.Y, DType.Int32, null), g.Dy.DType, null);
        return [SumGrad(g)[0]! / count, null]; // dx = broadcast(dy) / n
    });

    /// <summary>y = max x over the axes.</summary>
    public static readonly OpDef MaxOp = Reduction("Max", b => new ReduceKernel<MaxReduction>(b), MinMaxGrad);

    /// <summary>y = min x over the axes.</summary>
    public static readonly OpDef MinOp = Reduction("Min", b => new ReduceKernel<MinReduction>(b), MinMaxGrad);

    /// <summary>y = Π x over the axes.</summary>
    public static readonly OpDef ProdOp = Reduction("Prod", b => new ReduceKernel<ProdReduction>(b), ProdGrad);

    public static Tensor Sum(Tensor x, int[]? axis, bool keepdims, string? name) => Build("Sum", x, axis, keepdims, name);

    public static Tensor Mean(Tensor x, int[]? axis, bool keepdims, string? name) => Build("Mean", x, axis, keepdims, name);

    public static Tensor Max(Tensor x, int[]? axis, bool keepdims, string? name) => Build("Max", x, axis, keepdims, name);

    public static Tensor Min(Tensor x, int[]? axis, bool keepdims, string? name) => Build("Min", x, axis, keepdims, name);

    public static Tensor Prod(Tensor x, int[]? axis, bool keepdims, string? name) => Build("Prod", x, axis, keepdims, name);

    /// <summary>A reduction node; <paramref name="axis"/> null reduces every axis (TF1's default).</summary>
    public static Tensor Build(string type, Tensor x, int[]? axis, bool keepdims, string? name) =>
        Reduce(type, x, AxesTensor(x, axis), keepdims, name);

    /// <summary>The int32 axes tensor of a reduction: <paramref name="axis"/>, or every axis of x when null.</summary>
    internal static Tensor AxesTensor(Tensor x, int[]? axis) => axis is not null
        ? IntVector(axis, x.Graph)
        : x.Shape.HasRank
            ? IntVector(Enumerable.Range(0, x.Shape.Rank).ToArray(), x.Graph)
            : ArrayOps.Range(Scalar(0, DType.Int32, x.Graph), ArrayOps.Rank(x, null), Scalar(1, DType.Int32, x.Graph), null);

    public static Tensor Reduce(string type, Tensor x, Tensor axes, bool keepdims, string? name) =>
        Out(type, name, [x, axes], ("T", x.DType), ("Tidx", axes.DType), ("keep_dims", keepdims));

    private static TensorSpec[] InferReduction(InferContext ctx) => InferReduction(ctx, Numeric);

    /// <summary>Inference for a reduction over the axes in input 1 (keep_dims), its input restricted to
    /// <paramref name="dtypes"/>.</summary>
    internal static TensorSpec[] InferReduction(InferContext ctx, DType[] dtypes)
    {
        ctx.ExpectInputs(2);
        ctx.ExpectDType(0, dtypes);
        ctx.ExpectDType(1, DType.Int32, DType.Int64);
        bool keep = ctx.Attr("keep_dims", false);
        var input = ctx.Shape(0);
        var axes = ctx.Constant(1);
        if (!input.HasRank)
        {
            return InferContext.One(ctx.DType(0), Shape.Unknown);
        }

        if (axes is null)
        {
            return InferContext.One(ctx.DType(0), keep ? Shape.UnknownOfRank(input.Rank) : Shape.Unknown);
        }

        try
        {
            var reduced = ReducedMask(ConstantFolding.ToInts(axes), input.Rank);
            return InferContext.One(ctx.DType(0), OutputShape(input, reduced, keep));
        }
        catch (InvalidArgumentException e)
        {
            throw ctx.Error(e.Message);
        }
    }

    /// <summary>Which of <paramref name="rank"/> axes <paramref name="axes"/> names (negative counts from the end).</summary>
    internal static bool[] ReducedMask(int[] axes, int rank)
    {
        var mask = new bool[rank];
        foreach (int a in axes)
        {
            if (a < -rank || a >= rank)
            {
                throw new InvalidArgumentException($"Invalid reduction dimension {a} for input with {rank} dimensions");
            }

            mask[a < 0 ? a + rank : a] = true;
        }

        return mask;
    }

    internal static Shape OutputShape(Shape input, bool[] reduced, bool keep)
    {
        var dims = new List<int>();
        for (int i = 0; i < reduced.Length; i++)
        {
            if (!reduced[i])
            {
                dims.Add(input[i]);
            }
            else if (keep)
            {
                dims.Add(1);
            }
        }

        return Shape.Own(dims.ToArray());
    }

    /// <summary>dy reshaped to the input's rank with reduced axes of size 1: shape(x)·(1 - mask) + mask.</summary>
    private static Tensor KeptDims(Autodiff.GradContext g, Tensor dy)
    {
        var x = g.X(0);
        if (g.Attr<bool>("keep_dims"))
        {
            return dy;
        }

        var axes = ConstantFolding.IntValues(g.X(1));
        if (!x.Shape.HasRank || axes is null)
        {
            throw new GraphException($"The gradient of {g.Op.Type} node '{g.Op.Name}' needs a known input rank and constant axes.");
        }

        var mask = ReducedMask(axes, x.Shape.Rank).Select(r => r ? 1 : 0).ToArray();
        var shape = ArrayOps.ShapeOf(x, DType.Int32, null);
        var kept = (shape * IntVector(mask.Select(m => 1 - m).ToArray(), x.Graph)) + IntVector(mask, x.Graph);
        return ArrayOps.Reshape(dy, kept, null);
    }

    // dx = broadcast(reshape(dy, kept dims)) to x's shape
    private static Tensor?[] SumGrad(Autodiff.GradContext g) => [KeptDims(g, g.Dy) * ArrayOps.OnesLike(g.X(0), null), null];

    // dx = dy at the positions equal to the extreme, shared evenly between ties
    private static Tensor?[] MinMaxGrad(Autodiff.GradContext g)
    {
        var x = g.X(0);
        var indicators = ArrayOps.Cast(MathOps.Equal(KeptDims(g, g.Y), x, null), x.DType, null);
        var count = KeptDims(g, Reduce("Sum", indicators, g.X(1), g.Attr<bool>("keep_dims"), null));
        return [indicators / count * KeptDims(g, g.Dy), null];
    }

    // dxᵢ = dy · Π_{j≠i} xⱼ, exact with zeros: with p = Π of the nonzero x and z = the number of zeros,
    // Π_{j≠i} xⱼ = p / xᵢ when z = 0, p at the zero when z = 1, and 0 when z ≥ 2.
    private static Tensor?[] ProdGrad(Autodiff.GradContext g)
    {
        var x = g.X(0);
        bool keep = g.Attr<bool>("keep_dims");
        var isZero = ArrayOps.Cast(MathOps.Equal(x, Scalar(0, x.DType, x.Graph), null), x.DType, null);
        var nonZero = x + isZero;
        var p = KeptDims(g, Reduce("Prod", nonZero, g.X(1), keep, null));
        var zeros = KeptDims(g, Reduce("Sum", isZero, g.X(1), keep, null));
        var noZero = ArrayOps.Cast(MathOps.Equal(zeros, Scalar(0, x.DType, x.Graph), null), x.DType, null);
        var oneZero = ArrayOps.Cast(MathOps.Equal(zeros, Scalar(1, x.DType, x.Graph), null), x.DType, null);
        var others = (noZero * p / nonZero) + (oneZero * isZero * p);
        return [KeptDims(g, g.Dy) * others, null];
    }

    private interface IReduction
    {
        static abstract void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> dims, ReadOnlySpan<bool> mask, Span<T> y)
            where T : unmanaged, INumber<T>, IMinMaxValue<T>;
    }

    private readonly struct SumReduction : IReduction
    {
        public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> dims, ReadOnlySpan<bool> mask, Span<T> y)
            where T : unmanaged, INumber<T>, IMinMaxValue<T> => Kernels.Reduce.Run<T, SumReducer<T>>(x, dims, mask, y);
    }

    private readonly struct MeanReduction : IReduction
    {
        public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> dims, ReadOnlySpan<bool> mask, Span<T> y)
            where T : unmanaged, INumber<T>, IMinMaxValue<T>
        {
            Kernels.Reduce.Run<T, SumReducer<T>>(x, dims, mask, y);
            long n = 1;
            for (int i = 0; i < dims.Length; i++)
            {
                n *= mask[i] ? dims[i] : 1;
            }

            if (n > 0)
            {
                TensorPrimitives.Divide(y, T.CreateTruncating(n), y);
            }
            else if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
            {
                y.Fill(T.CreateTruncating(double.NaN)); // the mean of nothing
            }
        }
    }

    private readonly struct MaxReduction : IReduction
    {
        public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> dims, ReadOnlySpan<bool> mask, Span<T> y)
            where T : unmanaged, INumber<T>, IMinMaxValue<T> => Kernels.Reduce.Run<T, MaxReducer<T>>(x, dims, mask, y);
    }

    private readonly struct MinReduction : IReduction
    {
        public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> dims, ReadOnlySpan<bool> mask, Span<T> y)
            where T : unmanaged, INumber<T>, IMinMaxValue<T> => Kernels.Reduce.Run<T, MinReducer<T>>(x, dims, mask, y);
    }

    private readonly struct ProdReduction : IReduction
    {
        public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> dims, ReadOnlySpan<bool> mask, Span<T> y)
            where T : unmanaged, INumber<T>, IMinMaxValue<T> => Kernels.Reduce.Run<T, ProdReducer<T>>(x, dims, mask, y);
    }

    private sealed class ReduceKernel<TRed>(KernelBuild b) : INumericFunc<Kernel> where TRed : IReduction
    {
        private readonly bool _keep = b.Attr("keep_dims", false);

        // The mask and output shape for the last (input shape, axes) key: a steady state reuses them.
        private readonly ShapeMemo<Layout> _layouts = new();

        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var (x, axes) = (ctx.Input(0), ctx.Input(1));
            var key = new MemoKey(stackalloc int[32]);
            key.Add(x.Shape);
            key.AddValues(axes);
            var layout = _layouts.Get(key) ?? _layouts.Set(key, NewLayout(x.Shape, axes));
            var y = ctx.Output(0, layout.Output);
            TRed.Apply<T>(x.AsSpan<T>(), x.Shape.Dims, layout.Mask, y.AsSpan<T>());
        };

        private Layout NewLayout(Shape input, NDArray axes)
        {
            var mask = ReducedMask(ConstantFolding.ToInts(axes), input.Rank);
            return new Layout(mask, OutputShape(input, mask, _keep));
        }

        private sealed record Layout(bool[] Mask, Shape Output);
    }

    /// <summary>y = the index of the largest value along <c>dimension</c> (the first on ties).</summary>
    public static readonly OpDef ArgMaxOp = ArgReduction("ArgMax", true);

    /// <summary>y = the index of the smallest value along <c>dimension</c> (the first on ties).</summary>
    public static readonly OpDef ArgMinOp = ArgReduction("ArgMin", false);

    public static Tensor ArgMax(Tensor x, int axis, DType outputType, string? name) =>
        Out("ArgMax", name, [x, Scalar(axis, DType.Int32, x.Graph, "ArgMax/dimension")], ("T", x.DType), ("Tidx", DType.Int32), ("output_type", outputType));

    public static Tensor ArgMin(Tensor x, int axis, DType outputType, string? name) =>
        Out("ArgMin", name, [x, Scalar(axis, DType.Int32, x.Graph, "ArgMin/dimension")], ("T", x.DType), ("Tidx", DType.Int32), ("output_type", outputType));

    private static OpDef ArgReduction(string name, bool max) => new(name,
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, Numeric);
            var outType = ctx.Attr("output_type", DType.Int64);
            var input = ctx.Shape(0);
            var axis = ctx.Constant(1);
            if (!input.HasRank || axis is null)
            {
                return InferContext.One(outType, Shape.Unknown);
            }

            int a = ConstantFolding.ToInts(axis)[0];
            if (a < -input.Rank || a >= input.Rank)
            {
                throw ctx.Error($"Expected dimension in the range [{-input.Rank}, {input.Rank}), but got {a}");
            }

            a = a < 0 ? a + input.Rank : a;
            return InferContext.One(outType, Shape.Own(input.Where((_, i) => i != a).ToArray()));
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new ArgKernel(max, b.OutputDType(0))))
    {
        Inputs = ["input: T", "dimension: Tidx"], Outputs = ["output: output_type"],
        AttrDefaults = new Dictionary<string, object> { ["output_type"] = DType.Int64, ["Tidx"] = DType.Int32 },
        NoGradient = "an integer output",
    };

    private sealed class ArgKernel(bool max, DType outType) : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var x = ctx.Input(0);
            int a = ConstantFolding.ToInts(ctx.Input(1))[0];
            if (a < -x.Rank || a >= x.Rank)
            {
                throw new InvalidArgumentException($"Expected dimension in the range [{-x.Rank}, {x.Rank}), but got {a}");
            }

            a = a < 0 ? a + x.Rank : a;
            int n = x.Shape[a];
            if (n == 0)
            {
                throw new InvalidArgumentException($"Reduction axis {a} is empty in shape {x.Shape}");
            }

            int outer = 1, inner = 1;
            for (int i = 0; i < a; i++)
            {
                outer *= x.Shape[i];
            }

            for (int i = a + 1; i < x.Rank; i++)
            {
                inner *= x.Shape[i];
            }

            var y = ctx.Output(0, Shape.Own(x.Shape.Where((_, i) => i != a).ToArray()));
            var xs = x.AsSpan<T>();
            for (int o = 0; o < outer; o++)
            {
                for (int j = 0; j < inner; j++)
                {
                    int best = 0;
                    T bestValue = xs[o * n * inner + j];
                    for (int k = 1; k < n; k++)
                    {
                        T v = xs[(((o * n) + k) * inner) + j];
                        if (max ? v > bestValue : v < bestValue)
                        {
                            best = k;
                            bestValue = v;
                        }
                    }

                    if (outType == DType.Int64)
                    {
                        y.AsSpan<long>()[(o * inner) + j] = best;
                    }
                    else
                    {
                        y.AsSpan<int>()[(o * inner) + j] = best;
                    }
                }
            }
        };
    }
}
