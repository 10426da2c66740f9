using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Gather, GatherV2, GatherNd (read slices by index) and ScatterNd (add slices into zeros by index).
internal static partial class IndexOps
{
    /// <summary>y[i..., :] = params[indices[i...], :] (axis 0).</summary>
    public static readonly OpDef GatherOp = new("Gather",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, IndexTypes);
            var p = ctx.Shape(0);
            if (p.HasRank && p.Rank < 1)
            {
                throw ctx.Error($"params must be at least 1-D, got shape {p}");
            }

            return InferContext.One(ctx.DType(0), p.HasRank ? Concat(ctx.Shape(1), Dims(p, 1, p.Rank)) : Shape.Unknown);
        },
        b => Indexing.AnyType(b, b.InputDType(0), new GatherKernel(fixedAxis: 0)))
    {
        Inputs = ["params: Tparams", "indices: Tindices"], Outputs = ["output: Tparams"],
        AttrDefaults = new Dictionary<string, object> { ["validate_indices"] = true },
        Grad = g => [GatherGrad(g.X(0), g.X(1), g.Dy, 0), null], // dparams = scatter-add of dy rows at indices
    };

    public static Tensor Gather(Tensor @params, Tensor indices, string? name) =>
        Out("Gather", name, [@params, indices], ("Tparams", @params.DType), ("Tindices", indices.DType), ("validate_indices", true));

    /// <summary>y[o..., i..., r...] = params[o..., indices[i...], r...] along <c>axis</c>.</summary>
    public static readonly OpDef GatherV2Op = new("GatherV2",
        ctx =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(1, IndexTypes);
            ctx.ExpectDType(2, IndexTypes);
            ctx.ExpectRank(2, 0);
            if (ctx.Attr("batch_dims", 0L) != 0)
            {
                throw ctx.Error($"batch_dims {ctx.Attr("batch_dims", 0L)} is not supported (only 0)");
            }

            var (p, i) = (ctx.Shape(0), ctx.Shape(1));
            int? axis = ConstInt(ctx, 2);
            if (!p.HasRank || !i.HasRank)
            {
                return InferContext.One(ctx.DType(0), Shape.Unknown);
            }

            if (p.Rank < 1)
            {
                throw ctx.Error($"params must be at least 1-D, got shape {p}");
            }

            if (axis is null)
            {
                return InferContext.One(ctx.DType(0), Shape.UnknownOfRank(p.Rank + i.Rank - 1));
            }

            int a = NormalizeAxis(ctx, axis.Value, p.Rank);
            return InferContext.One(ctx.DType(0), Concat(Dims(p, 0, a), i, Dims(p, a + 1, p.Rank)));
        },
        b => Indexing.AnyType(b, b.InputDType(0), new GatherKernel(fixedAxis: null)))
    {
        Inputs = ["params: Tparams", "indices: Tindices", "axis: Taxis"], Outputs = ["output: Tparams"],
        AttrDefaults = new Dictionary<string, object> { ["batch_dims"] = 0L },
        // dparams = dy rows scatter-added at indices along axis (dense; TF builds IndexedSlices).
        Grad = g => [GatherGrad(g.X(0), g.X(1), g.Dy, GatherAxis(g.Op)), null, null],
    };

    public static Tensor GatherV2(Tensor @params, Tensor indices, Tensor axis, string? name) =>
        Out("GatherV2", name ?? "GatherV2", [@params, indices, axis], ("Tparams", @params.DType), ("Tindices", indices.DType),
            ("Taxis", axis.DType), ("batch_dims", 0L));

    /// <summary>GatherV2 with a constant axis.</summary>
    public static Tensor GatherV2(Tensor @params, Tensor indices, int axis, string? name) =>
        GatherV2(@params, indices, Scalar(axis, DType.Int32, @params.Graph, "axis"), name);

    private static int GatherAxis(Operation op)
    {
        var axis = ConstantFolding.IntValues(op.Inputs[2]);
        int rank = op.Inputs[0].Shape.Rank;
        if (axis is null || rank < 0)
        {
            throw new GraphException($"The gradient of GatherV2 node '{op.Name}' needs a constant axis and params of known rank, got axis '{op.Inputs[2].Name}' and params shape {op.Inputs[0].Shape}.");
        }

        return axis[0] < 0 ? axis[0] + rank : axis[0];
    }

    // Axis 0: UnsortedSegmentSum(dy, indices, params.shape[0]) (indices' shape is a prefix of dy's). Other axes:
    // the one-hot product Σ_j [indices_j == k] dy[o, j, r] as a broadcast batch matmul, which needs the static
    // dimensions around the axis.
    private static Tensor GatherGrad(Tensor @params, Tensor indices, Tensor dy, int axis)
    {
        var graph = @params.Graph;
        var p = @params.Shape;
        if (axis == 0)
        {
            var n = p.HasRank && p[0] >= 0
                ? Scalar(p[0], DType.Int32, graph, "num_segments")
                : GatherV2(ArrayOps.ShapeOf(@params, DType.Int32, null), Scalar(0, DType.Int32, graph), 0, null);
            return UnsortedSegmentSum(dy, indices, n, null);
        }

        if (!p.IsFullyDefined)
        {
            throw new GraphException($"The gradient of GatherV2 along axis {axis} needs params of fully defined shape, got {p} ('{@params.Name}').");
        }

        if (p.NumElements == 0)
        {
            return ArrayOps.ZerosLike(@params, null);
        }

        int outer = Indexing.Product(p, 0, axis), inner = Indexing.Product(p, axis + 1, p.Rank);
        var dy3 = ArrayOps.Reshape(dy, IntVector([outer, -1, inner], graph), null);
        var flat = ArrayOps.Reshape(indices, IntVector([-1], graph), null);
        var oneHot = OneHot(flat, p[axis], Scalar(1, dy.DType, graph, "on_value"), Scalar(0, dy.DType, graph, "off_value"), -1, null);
        var summed = LinalgOps.BatchMatMulV2(oneHot, dy3, adjX: true, adjY: false, null);
        return ArrayOps.Reshape(summed, IntVector(p.ToArray(), graph), null);
    }

    private sealed class GatherKernel(int? fixedAxis) : IAnyFunc<Kernel>
    {
        public Kernel Invoke<T>()
        {
            var memo = new ShapeMemo<Shape>();
            return ctx =>
            {
                var p = ctx.Input(0);
                var idx = new IndexView(ctx.Input(1));
                if (p.Rank < 1)
                {
                    throw new InvalidArgumentException($"{ctx.Op.Type} node '{ctx.Op.Name}': params must be at least 1-D, got shape {p.Shape}");
                }

                int axis = fixedAxis ?? RuntimeAxis(ctx, ctx.Input(2), p.Rank);
                int outer = Indexing.Product(p.Shape, 0, axis), n = p.Shape[axis], inner = Indexing.Product(p.Shape, axis + 1, p.Rank);
                Indexing.CheckRange(idx, n);
                var key = new MemoKey(stackalloc int[32]);
                key.Add(p.Shape);
                key.Add(idx.Shape);
                key.Add(axis);
                var y = ctx.Output(0, memo.Get(key) ?? memo.Set(key, GatheredShape(p.Shape, idx.Shape, axis)));
                Copy<T>(p, idx, y, outer, n, inner);
            };
        }

        private static Shape GatheredShape(Shape p, Shape idx, int axis) =>
            Shape.Own([.. Dims(p, 0, axis), .. idx, .. Dims(p, axis + 1, p.Rank)]);

        private static void Copy<T>(NDArray p, IndexView idx, NDArray y, int outer, int n, int inner)
        {
            var src = p.AsSpan<T>();
            var dst = y.AsSpan<T>();
            int count = idx.Length;
            for (int o = 0; o < outer; o++)
            {
                for (int j = 0; j < count; j++)
                {
                    src.Slice((int)(((o * n) + idx[j]) * inner), inner).CopyTo(dst.Slice(((o * count) + j) * inner, inner));
                }
            }
        }
    }

    /// <summary>y[i..., r...] = params[indices[i..., 0], ..., indices[i..., q-1], r...].</summary>
    public static readonly OpDef GatherNdOp = new("GatherNd",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, IndexTypes);
            var (p, i) = (ctx.Shape(0), ctx.Shape(1));
            if (!p.HasRank || !i.HasRank || i.Rank == 0 || i[-1] < 0)
            {
                if (i.HasRank && i.Rank == 0)
                {
                    throw ctx.Error("indices must be at least 1-D");
                }

                return InferContext.One(ctx.DType(0), Shape.Unknown);
            }

            int q = i[-1];
            if (q > p.Rank)
            {
                throw ctx.Error($"index innermost dimension length must be <= params rank; saw: {q} vs. {p.Rank}");
            }

            return InferContext.One(ctx.DType(0), Concat(Dims(i, 0, i.Rank - 1), Dims(p, q, p.Rank)));
        },
        b => Indexing.AnyType(b, b.InputDType(0), new GatherNdKernel()))
    {
        Inputs = ["params: Tparams", "indices: Tindices"], Outputs = ["output: Tparams"],
        Grad = g => [ScatterNd(g.X(1), g.Dy, ArrayOps.ShapeOf(g.X(0), g.X(1).DType, null), null), null], // dparams = scatter_nd(indices, dy)
    };

    public static Tensor GatherNd(Tensor @params, Tensor indices, string? name) =>
        Out("GatherNd", name, [@params, indices], ("Tparams", @params.DType), ("Tindices", indices.DType));

    private sealed class GatherNdKernel : IAnyFunc<Kernel>
    {
        public Kernel Invoke<T>()
        {
            var memo = new ShapeMemo<ScatterLayout>();
            return ctx =>
            {
                var p = ctx.Input(0);
                var idx = new IndexView(ctx.Input(1));
                int q = idx.Shape.Rank == 0 ? -1 : idx.Shape[-1];
                if (q < 0 || q > p.Rank)
                {
                    throw new InvalidArgumentException($"GatherNd node '{ctx.Op.Name}': indices shape {idx.Shape} does not fit params shape {p.Shape}");
                }

                var key = new MemoKey(stackalloc int[32]);
                key.Add(p.Shape);
                key.Add(idx.Shape);
                var layout = memo.Get(key) ?? memo.Set(key, ScatterLayout.Of(p.Shape, idx.Shape, q));
                var y = ctx.Output(0, layout.Updates);
                using var offsets = new IndexBuffer(Indexing.TupleCount(idx), stackalloc int[IndexBuffer.StackSize]);
                Indexing.TupleOffsets(idx, layout.Lead, "param shape", offsets.Span);
                Indexing.TakeSlices(p.AsSpan<T>(), offsets.Span, layout.Inner, y.AsSpan<T>());
            };
        }
    }

    /// <summary>How a scatter or gather by index tuples of length q addresses a target shape: the q leading
    /// dimensions the tuples index, the size of the trailing slice each one names, and the shape of the updates (the
    /// gathered values).</summary>
    private sealed record ScatterLayout(Shape Lead, int Inner, Shape Updates)
    {
        public static ScatterLayout Of(Shape target, Shape indices, int q) => new(Shape.Own(Dims(target, 0, q)),
            Indexing.Product(target, q, target.Rank), Concat(Dims(indices, 0, indices.Rank - 1), Dims(target, q, target.Rank)));
    }

    /// <summary>y = zeros(shape); y[indices[i..., :], r...] += updates[i..., r...] (duplicates add).</summary>
    public static readonly OpDef ScatterNdOp = new("ScatterNd",
        ctx =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(0, IndexTypes);
            ctx.ExpectDType(1, NumericTypes);
            ctx.ExpectDType(2, IndexTypes);
            var shape = ctx.Constant(2) is NDArray s ? Shape.Own(ConstantFolding.ToInts(s))
                : ctx.Shape(2).HasRank && ctx.Shape(2).Rank == 1 && ctx.Shape(2)[0] >= 0 ? Shape.UnknownOfRank(ctx.Shape(2)[0])
                : Shape.Unknown;
            CheckUpdates(ctx, ctx.Shape(0), ctx.Shape(1), shape, "shape");
            return InferContext.One(ctx.DType(1), shape);
        },
        b => Dispatch.Numeric(b, b.InputDType(1), new ScatterNdKernel()))
    {
        Inputs = ["indices: Tindices", "updates: T", "shape: Tindices"], Outputs = ["output: T"],
        Grad = g => [null, GatherNd(g.Dy, g.X(0), null), null], // dupdates = gather_nd(dy, indices)
    };

    public static Tensor ScatterNd(Tensor indices, Tensor updates, Tensor shape, string? name) =>
        Out("ScatterNd", name, [indices, updates, shape], ("T", updates.DType), ("Tindices", indices.DType));

    private sealed class ScatterNdKernel : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var idx = new IndexView(ctx.Input(0));
            var updates = ctx.Input(1);
            var dims = ConstantFolding.ToInts(ctx.Input(2));
            if (dims.Any(d => d < 0))
            {
                throw new InvalidArgumentException($"ScatterNd node '{ctx.Op.Name}': shape must be non-negative, got [{string.Join(", ", dims)}]");
            }

            var shape = Shape.Own(dims);
            int q = idx.Shape.Rank == 0 ? -1 : idx.Shape[-1];
            var expected = q < 0 || q > shape.Rank ? null : Concat(Dims(idx.Shape, 0, idx.Shape.Rank - 1), Dims(shape, q, shape.Rank));
            if (expected is null || !expected.Equals(updates.Shape))
            {
                throw new InvalidArgumentException($"ScatterNd node '{ctx.Op.Name}': indices shape {idx.Shape} and updates shape {updates.Shape} do not fit output shape {shape}");
            }

            var offsets = Indexing.TupleOffsets(idx, Shape.Own(Dims(shape, 0, q)), "shape");
            var y = ctx.Output(0, shape).AsSpan<T>();
            y.Clear();
            Indexing.AddSlices(updates.AsSpan<T>(), offsets, Indexing.Product(shape, q, shape.Rank), y);
        };
    }

    /// <summary>y = tensor; y[indices[i..., :], r...] += updates[i..., r...] (duplicates add): ScatterNd added onto a
    /// tensor without materializing the scatter. The output may take over the tensor's buffer
    /// (<see cref="OpDef.InPlaceInput"/>), so a loop writing one row per iteration costs a row, not the tensor.</summary>
    public static readonly OpDef TensorScatterAddOp = new("TensorScatterAdd",
        ctx =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(0, NumericTypes);
            ctx.ExpectDType(1, IndexTypes);
            var dtype = ctx.DType(0);
            if (ctx.DType(2) != dtype)
            {
                throw ctx.Error($"updates must have the tensor's dtype {dtype}, got {ctx.DType(2)}");
            }

            CheckUpdates(ctx, ctx.Shape(1), ctx.Shape(2), ctx.Shape(0), "tensor.shape");
            return InferContext.One(dtype, ctx.Shape(0));
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new TensorScatterAddKernel()))
    {
        Inputs = ["tensor: T", "indices: Tindices", "updates: T"], Outputs = ["output: T"],
        InPlaceInput = 0,
        Grad = g => [g.Dy, null, GatherNd(g.Dy, g.X(1), null)], // dtensor = dy, dupdates = gather_nd(dy, indices)
    };

    public static Tensor TensorScatterAdd(Tensor tensor, Tensor indices, Tensor updates, string? name) =>
        Out("TensorScatterAdd", name, [tensor, indices, updates], ("T", tensor.DType), ("Tindices", indices.DType));

    private sealed class TensorScatterAddKernel : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T>
        {
            var memo = new ShapeMemo<ScatterLayout>();
            return ctx =>
            {
                var tensor = ctx.Input(0);
                var idx = new IndexView(ctx.Input(1));
                var updates = ctx.Input(2);
                var shape = tensor.Shape;
                int q = idx.Shape.Rank == 0 ? -1 : idx.Shape[-1];
                var key = new MemoKey(stackalloc int[32]);
                key.Add(shape);
                key.Add(idx.Shape);
                var layout = q < 0 || q > shape.Rank ? null : memo.Get(key) ?? memo.Set(key, ScatterLayout.Of(shape, idx.Shape, q));
                if (layout is null || !layout.Updates.Equals(updates.Shape))
                {
                    throw new InvalidArgumentException($"TensorScatterAdd node '{ctx.Op.Name}': indices shape {idx.Shape} and updates shape {updates.Shape} do not fit tensor shape {shape}");
                }

                using var offsets = new IndexBuffer(Indexing.TupleCount(idx), stackalloc int[IndexBuffer.StackSize]);
                Indexing.TupleOffsets(idx, layout.Lead, "tensor shape", offsets.Span);
                var y = ctx.Output(0, shape);
                if (!ReferenceEquals(y.RawData, tensor.RawData))
                {
                    tensor.AsSpan<T>().CopyTo(y.AsSpan<T>());
                }

                Indexing.AddSlices(updates.AsSpan<T>(), offsets.Span, layout.Inner, y.AsSpan<T>());
            };
        }
    }

    /// <summary>Checks, where the static shapes tell, that scatter updates have shape indices.shape[:-1] +
    /// target[q:] for q = indices.shape[-1] (target is named <paramref name="what"/> in the message).</summary>
    private static void CheckUpdates(InferContext ctx, Shape indices, Shape updates, Shape target, string what)
    {
        if (!target.HasRank || !indices.HasRank || indices.Rank < 1 || indices[-1] < 0 || !updates.HasRank)
        {
            return;
        }

        int q = indices[-1];
        if (q > target.Rank)
        {
            throw ctx.Error($"index innermost dimension length {q} exceeds the rank {target.Rank} of {what}");
        }

        var expected = Concat(Dims(indices, 0, indices.Rank - 1), Dims(target, q, target.Rank));
        if (!expected.IsCompatibleWith(updates))
        {
            throw ctx.Error($"updates must have shape indices.shape[:-1] + {what}[{q}:] = {expected}, got {updates}");
        }
    }
}
