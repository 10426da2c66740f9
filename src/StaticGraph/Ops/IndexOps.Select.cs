using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// OneHot, Where (coordinates of true elements), Select / SelectV2 (choose by a condition), ClipByValue.
internal static partial class IndexOps
{
    /// <summary>y[..., d, ...] = on_value if indices[...] == d else off_value (depth inserted at <c>axis</c>);
    /// indices outside [0, depth) give a row of off_value.</summary>
    public static readonly OpDef OneHotOp = new("OneHot",
        ctx =>
        {
            ctx.ExpectInputs(4);
            ctx.ExpectDType(0, DType.Int32, DType.Int64, DType.UInt8);
            ctx.ExpectDType(1, DType.Int32);
            ctx.ExpectRank(1, 0);
            ctx.ExpectRank(2, 0);
            ctx.ExpectRank(3, 0);
            var dtype = ctx.SameDType(2, 2);
            int axis = (int)ctx.Attr("axis", -1L);
            int? depth = ConstInt(ctx, 1);
            if (depth < 0)
            {
                throw ctx.Error($"depth must be non-negative, got {depth}");
            }

            var i = ctx.Shape(0);
            if (axis < -1 || (i.HasRank && axis > i.Rank))
            {
                throw ctx.Error($"axis must be -1 or in [0, {(i.HasRank ? i.Rank : "rank")}], got {axis}");
            }

            if (!i.HasRank)
            {
                return InferContext.One(dtype, Shape.Unknown);
            }

            int a = axis == -1 ? i.Rank : axis;
            return InferContext.One(dtype, Concat(Dims(i, 0, a), [depth ?? -1], Dims(i, a, i.Rank)));
        },
        b => Indexing.AnyType(b, b.InputDType(2), new OneHotKernel()))
    {
        Inputs = ["indices: TI", "depth: int32", "on_value: T", "off_value: T"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["axis"] = -1L },
        NoGradient = "integer indices; the on/off values are constants of the encoding (TF1 declares OneHot not differentiable)",
    };

    public static Tensor OneHot(Tensor indices, int depth, Tensor onValue, Tensor offValue, int axis, string? name) =>
        Out("OneHot", name, [indices, Scalar(depth, DType.Int32, indices.Graph, "depth"), onValue, offValue],
            ("T", onValue.DType), ("TI", indices.DType), ("axis", (long)axis));

    private sealed class OneHotKernel : IAnyFunc<Kernel>
    {
        public Kernel Invoke<T>() => ctx =>
        {
            var idx = new IndexView(ctx.Input(0));
            int depth = ctx.Input(1).Item<int>();
            if (depth < 0)
            {
                throw new InvalidArgumentException($"OneHot node '{ctx.Op.Name}': depth must be non-negative, got {depth}");
            }

            T on = ctx.Input(2).Item<T>(), off = ctx.Input(3).Item<T>();
            int axis = (int)ctx.Op.GetAttr<long>("axis");
            int a = axis == -1 ? idx.Shape.Rank : axis;
            int prefix = Indexing.Product(idx.Shape, 0, a), suffix = Indexing.Product(idx.Shape, a, idx.Shape.Rank);
            var y = ctx.Output(0, Shape.Own([.. Dims(idx.Shape, 0, a), depth, .. Dims(idx.Shape, a, idx.Shape.Rank)])).AsSpan<T>();
            y.Fill(off);
            for (int p = 0; p < prefix; p++)
            {
                for (int s = 0; s < suffix; s++)
                {
                    long v = idx[(p * suffix) + s];
                    if (v >= 0 && v < depth)
                    {
                        y[(int)((((p * depth) + v) * suffix) + s)] = on;
                    }
                }
            }
        };
    }

    /// <summary>y = the coordinates of the true (nonzero) elements of x, row-major order, as int64 [n, rank].</summary>
    public static readonly OpDef WhereOp = new("Where",
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, DType.Bool, DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8);
            var x = ctx.Shape(0);
            return InferContext.One(DType.Int64, x.HasRank ? [-1, x.Rank] : Shape.UnknownOfRank(2));
        },
        b => Indexing.AnyType(b, b.InputDType(0), new WhereKernel()))
    {
        Inputs = ["input: T"], Outputs = ["index: int64"],
        AttrDefaults = new Dictionary<string, object> { ["T"] = DType.Bool },
        NoGradient = "an integer output (coordinates)",
    };

    public static Tensor Where(Tensor condition, string? name) => Out("Where", name, [condition], ("T", condition.DType));

    private sealed class WhereKernel : IAnyFunc<Kernel>
    {
        public Kernel Invoke<T>() => ctx =>
        {
            var x = ctx.Input(0);
            var xs = x.AsSpan<T>();
            var cmp = EqualityComparer<T>.Default;
            int n = 0;
            foreach (var v in xs)
            {
                n += cmp.Equals(v, default!) ? 0 : 1;
            }

            int rank = x.Rank;
            var y = ctx.OutputDims(0, [n, rank]).AsSpan<long>();
            var index = new long[rank];
            int row = 0;
            for (int i = 0; i < xs.Length; i++)
            {
                if (!cmp.Equals(xs[i], default!))
                {
                    index.CopyTo(y.Slice(row++ * rank, rank));
                }

                for (int a = rank - 1; a >= 0; a--)
                {
                    if (++index[a] < x.Shape[a])
                    {
                        break;
                    }

                    index[a] = 0;
                }
            }
        };
    }

    /// <summary>y = condition ? t : e elementwise; condition is a scalar, t's shape, or a vector choosing rows.</summary>
    public static readonly OpDef SelectOp = new("Select",
        ctx =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(0, DType.Bool);
            var dtype = ctx.SameDType(1, 2);
            var (c, t) = (ctx.Shape(0), ctx.Shape(1));
            if (!t.IsCompatibleWith(ctx.Shape(2)))
            {
                throw ctx.Error($"t and e must have the same shape, got {t} and {ctx.Shape(2)}");
            }

            t = t.MergeWith(ctx.Shape(2));
            bool fits = !c.HasRank || !t.HasRank || c.Rank == 0 || c.IsCompatibleWith(t)
                || (c.Rank == 1 && t.Rank >= 1 && (c[0] < 0 || t[0] < 0 || c[0] == t[0]));
            return fits
                ? InferContext.One(dtype, t)
                : throw ctx.Error($"condition must be a scalar, have t's shape, or be a vector of t's first dimension, got {c} for t {t}");
        },
        b => Indexing.AnyType(b, b.InputDType(1), new SelectKernel(v2: false)))
    {
        Inputs = ["condition: bool", "t: T", "e: T"], Outputs = ["output: T"],
        Grad = g => [null, Select(g.X(0), g.Dy, ArrayOps.ZerosLike(g.Dy, null), null), // dt = c ? dy : 0
                     Select(g.X(0), ArrayOps.ZerosLike(g.Dy, null), g.Dy, null)], // de = c ? 0 : dy
    };

    public static Tensor Select(Tensor condition, Tensor t, Tensor e, string? name) =>
        Out("Select", name, [condition, t, e], ("T", t.DType));

    /// <summary>y = condition ? t : e with numpy broadcasting of all three.</summary>
    public static readonly OpDef SelectV2Op = new("SelectV2",
        ctx =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(0, DType.Bool);
            var dtype = ctx.SameDType(1, 2);
            var s = Broadcast.StaticShape(ctx.Shape(1), ctx.Shape(2)) is Shape te ? Broadcast.StaticShape(ctx.Shape(0), te) : null;
            return s is null
                ? throw ctx.Error($"condition, t and e must broadcast, got shapes {ctx.Shape(0)}, {ctx.Shape(1)} and {ctx.Shape(2)}")
                : InferContext.One(dtype, s);
        },
        b => Indexing.AnyType(b, b.InputDType(1), new SelectKernel(v2: true)))
    {
        Inputs = ["condition: bool", "t: T", "e: T"], Outputs = ["output: T"],
        Broadcasts = true,
        Grad = g => [null, SelectV2(g.X(0), g.Dy, ArrayOps.ZerosLike(g.Dy, null), null), // dt = c ? dy : 0
                     SelectV2(g.X(0), ArrayOps.ZerosLike(g.Dy, null), g.Dy, null)], // de = c ? 0 : dy
    };

    public static Tensor SelectV2(Tensor condition, Tensor t, Tensor e, string? name) =>
        Out("SelectV2", name, [condition, t, e], ("T", t.DType));

    private sealed class SelectKernel(bool v2) : IAnyFunc<Kernel>
    {
        public Kernel Invoke<T>() => ctx =>
        {
            var (c, t, e) = (ctx.Input(0), ctx.Input(1), ctx.Input(2));
            var cShape = c.Shape;
            Shape shape;
            if (v2)
            {
                shape = Indexing.BroadcastShapes(c.Shape, t.Shape, e.Shape);
            }
            else
            {
                shape = t.Shape.Equals(e.Shape) ? t.Shape
                    : throw new InvalidArgumentException($"Select node '{ctx.Op.Name}': t and e must have the same shape, got {t.Shape} and {e.Shape}");
                if (c.Rank == 1 && t.Rank > 1 && c.Shape[0] == t.Shape[0])
                {
                    cShape = Shape.Own([c.Shape[0], .. Enumerable.Repeat(1, t.Rank - 1)]); // a row selector
                }
                else if (c.Rank != 0 && !c.Shape.Equals(t.Shape))
                {
                    throw new InvalidArgumentException($"Select node '{ctx.Op.Name}': condition of shape {c.Shape} must be a scalar, have t's shape {t.Shape}, or be a vector of its first dimension");
                }
            }

            var cs = c.AsSpan<bool>();
            var ts = t.AsSpan<T>();
            var es = e.AsSpan<T>();
            var y = ctx.Output(0, shape).AsSpan<T>();
            if (cs.Length == y.Length && ts.Length == y.Length && es.Length == y.Length)
            {
                for (int i = 0; i < y.Length; i++)
                {
                    y[i] = cs[i] ? ts[i] : es[i];
                }

                return;
            }

            var (co, to, eo) = (Indexing.BroadcastOffsets(cShape, shape), Indexing.BroadcastOffsets(t.Shape, shape), Indexing.BroadcastOffsets(e.Shape, shape));
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = cs[co[i]] ? ts[to[i]] : es[eo[i]];
            }
        };
    }

    /// <summary>y = min(max(t, clip_value_min), clip_value_max); the bounds are scalars or have t's shape.</summary>
    public static readonly OpDef ClipByValueOp = new("ClipByValue",
        ctx =>
        {
            ctx.ExpectInputs(3);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, NumericTypes);
            var t = ctx.Shape(0);
            for (int i = 1; i < 3; i++)
            {
                var s = ctx.Shape(i);
                if (s.HasRank && s.Rank != 0 && !s.IsCompatibleWith(t))
                {
                    throw ctx.Error($"clip_value_{(i == 1 ? "min" : "max")} must be a scalar or have t's shape {t}, got {s}");
                }
            }

            return InferContext.One(dtype, t);
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new ClipKernel()))
    {
        Inputs = ["t: T", "clip_value_min: T", "clip_value_max: T"], Outputs = ["output: T"],
        Broadcasts = true,
        Grad = g =>
        {
            var (t, lo, hi, dy) = (g.X(0), g.X(1), g.X(2), g.Dy);
            var zeros = ArrayOps.ZerosLike(dy, null);
            var below = MathOps.Less(t, lo, null);
            var above = MathOps.Greater(t, hi, null);
            return [SelectV2(MathOps.LogicalOr(below, above, null), zeros, dy, null), // dt = dy where min <= t <= max
                    SelectV2(below, dy, zeros, null), // dmin = dy where t < min
                    SelectV2(above, dy, zeros, null)]; // dmax = dy where t > max
        },
    };

    public static Tensor ClipByValue(Tensor t, Tensor min, Tensor max, string? name) =>
        Out("ClipByValue", name, [t, min, max], ("T", t.DType));

    private sealed class ClipKernel : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var (t, lo, hi) = (ctx.Input(0), ctx.Input(1), ctx.Input(2));
            foreach (var (bound, what) in new[] { (lo, "min"), (hi, "max") })
            {
                if (bound.Rank != 0 && !bound.Shape.Equals(t.Shape))
                {
                    throw new InvalidArgumentException($"ClipByValue node '{ctx.Op.Name}': clip_value_{what} must be a scalar or have t's shape {t.Shape}, got {bound.Shape}");
                }
            }

            var y = ctx.Output(0, t.Shape).AsSpan<T>();
            if (y.Length == 0)
            {
                return;
            }

            // TF's order: min(t, max) first, then max(·, min), so min wins when min > max.
            if (hi.Rank == 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Min(t.AsSpan<T>(), hi.Item<T>(), y);
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Min(t.AsSpan<T>(), hi.AsSpan<T>(), y);
            }

            if (lo.Rank == 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Max(y, lo.Item<T>(), y);
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Max(y, lo.AsSpan<T>(), y);
            }
        };
    }
}
