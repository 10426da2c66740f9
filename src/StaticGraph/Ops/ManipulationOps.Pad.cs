using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Growing a tensor: Pad, PadV2, MirrorPad (with MirrorPadGrad) and Tile.
internal static partial class ManipulationOps
{
    /// <summary>y = x with paddings[k, 0] zeros before and paddings[k, 1] zeros after it along each axis k.</summary>
    public static readonly OpDef PadOp = new("Pad", ctx => InferPad(ctx, 2, mirror: false), b => PadKernel(NDArray.Zeros(b.InputDType(0), Shape.Scalar)))
    {
        Inputs = ["input: T", "paddings: Tpaddings"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tpaddings"] = DType.Int32 },
        Grad = g => [UnpadGrad(g), null], // dx = slice(dy, paddings[:, 0], shape(x))
    };

    /// <summary>y = x with paddings[k, 0] copies of <c>constant_values</c> before and paddings[k, 1] after it along
    /// each axis k.</summary>
    public static readonly OpDef PadV2Op = new("PadV2", ctx => InferPad(ctx, 3, mirror: false), _ => PadKernel(null))
    {
        Inputs = ["input: T", "paddings: Tpaddings", "constant_values: T"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tpaddings"] = DType.Int32 },
        Grad = g =>
        {
            var dx = UnpadGrad(g);
            // dx = slice(dy, paddings[:, 0], shape(x)); d constant_values = Σ dy - Σ dx (the padded positions)
            return [dx, null, ReduceOps.Sum(g.Dy, null, false, null) - ReduceOps.Sum(dx, null, false, null)];
        },
    };

    /// <summary>y = x padded along each axis k with paddings[k, 0] / paddings[k, 1] mirrored copies of its edge:
    /// REFLECT leaves the edge out (by 2: abc → cbabcba), SYMMETRIC repeats it (by 2: abc → baabccb).</summary>
    public static readonly OpDef MirrorPadOp = new("MirrorPad", ctx => InferPad(ctx, 2, mirror: true), b =>
    {
        string mode = Mode(b.Op.Attrs);
        return ctx =>
        {
            var x = ctx.Input(0);
            var dims = x.Shape.ToArray();
            var pads = Paddings(ctx.Input(1), dims.Length);
            var y = ctx.Output(0, Shape.Own(PaddedDims(dims, pads, mode)));
            Strided.Gather(x.RawData, MirrorTables(dims, pads, mode == "REFLECT"), y.RawData);
        };
    })
    {
        Inputs = ["input: T", "paddings: Tpaddings"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tpaddings"] = DType.Int32 },
        Grad = g => [MirrorPadGrad(g.Dy, g.X(1), Mode(g.Op.Attrs), null), null], // dx = the mirrored parts of dy folded back and summed
    };

    /// <summary>dx = dy (shaped like MirrorPad's output) with every mirrored element added back onto the element it
    /// copies: the adjoint of MirrorPad.</summary>
    public static readonly OpDef MirrorPadGradOp = new("MirrorPadGrad",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
            ctx.ExpectDType(1, IndexTypes);
            var x = ctx.Shape(0);
            var paddings = ctx.Constant(1);
            var p = ctx.Shape(1);
            int rank = x.HasRank ? x.Rank : p.HasRank && p.Rank == 2 ? p[0] : -1;
            if (paddings is null || rank < 0)
            {
                return One(ctx.DType(0), OfRank(rank));
            }

            return One(ctx.DType(0), Shape.Own(UnpaddedDims(x.HasRank ? x.ToArray() : Enumerable.Repeat(-1, rank).ToArray(), Paddings(paddings, rank), Mode(ctx.Attrs))));
        }),
        b => Dispatch.Numeric(b, b.InputDType(0), new MirrorPadGradKernel(Mode(b.Op.Attrs))))
    {
        Inputs = ["input: T", "paddings: Tpaddings"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tpaddings"] = DType.Int32 },
        Grad = g => [MirrorPad(g.Dy, g.X(1), Mode(g.Op.Attrs), null), null], // d dy = MirrorPad(ddx): the op is linear in dy
    };

    public static Tensor Pad(Tensor x, Tensor paddings, string? name) =>
        Out("Pad", name, [x, paddings], ("T", x.DType), ("Tpaddings", paddings.DType));

    public static Tensor PadV2(Tensor x, Tensor paddings, Tensor constantValues, string? name) =>
        Out("PadV2", name, [x, paddings, constantValues], ("T", x.DType), ("Tpaddings", paddings.DType));

    public static Tensor MirrorPad(Tensor x, Tensor paddings, string mode, string? name) =>
        Out("MirrorPad", name, [x, paddings], ("T", x.DType), ("Tpaddings", paddings.DType), ("mode", mode));

    public static Tensor MirrorPadGrad(Tensor dy, Tensor paddings, string mode, string? name) =>
        Out("MirrorPadGrad", name, [dy, paddings], ("T", dy.DType), ("Tpaddings", paddings.DType), ("mode", mode));

    /// <summary>tf.pad: CONSTANT (Pad, or PadV2 for a nonzero value), REFLECT or SYMMETRIC (MirrorPad); the mode is
    /// case-insensitive.</summary>
    public static Tensor Pad(Tensor x, Tensor paddings, string mode, double constantValues, string? name) =>
        mode.ToUpperInvariant() switch
        {
            "CONSTANT" => constantValues == 0
                ? Pad(x, paddings, name)
                : PadV2(x, paddings, Scalar(constantValues, x.DType, x.Graph, "constant_values"), name),
            "REFLECT" or "SYMMETRIC" => MirrorPad(x, paddings, mode.ToUpperInvariant(), name),
            _ => throw new ArgumentException($"Unknown padding mode: {mode}", nameof(mode)),
        };

    private static string Mode(AttrMap attrs) => attrs.Get<string>("mode") is "REFLECT" or "SYMMETRIC"
        ? attrs.Get<string>("mode")
        : throw new InvalidArgumentException($"mode must be REFLECT or SYMMETRIC, got '{attrs.Get<string>("mode")}'");

    private static TensorSpec[] InferPad(InferContext ctx, int inputs, bool mirror) => Checked(ctx, () =>
    {
        string? mode = mirror ? Mode(ctx.Attrs) : null;
        ctx.ExpectInputs(inputs);
        ctx.ExpectDType(1, IndexTypes);
        if (inputs == 3)
        {
            ctx.SameDType(0, 1);
            ctx.SameDType(2, 1);
            if (ctx.Shape(2).HasRank && ctx.Shape(2).Rank != 0)
            {
                throw new InvalidArgumentException($"constant_values must be a scalar. Shape received: {ctx.Shape(2)}");
            }
        }

        var x = ctx.Shape(0);
        var p = ctx.Shape(1);
        int rank = x.HasRank ? x.Rank : p.HasRank && p.Rank == 2 ? p[0] : -1;
        CheckPaddingsShape(p, rank);
        var paddings = ctx.Constant(1);
        if (paddings is null || rank < 0)
        {
            return One(ctx.DType(0), OfRank(rank));
        }

        return One(ctx.DType(0), Shape.Own(PaddedDims(x.HasRank ? x.ToArray() : Enumerable.Repeat(-1, rank).ToArray(), Paddings(paddings, rank), mode)));
    });

    private static Kernel PadKernel(NDArray? zero) => ctx =>
    {
        var x = ctx.Input(0);
        var dims = x.Shape.ToArray();
        var pads = Paddings(ctx.Input(1), dims.Length);
        var padded = PaddedDims(dims, pads, null);
        var y = ctx.Output(0, Shape.Own(padded));
        var fill = zero ?? ctx.Input(2);
        if (fill.Size != 1)
        {
            throw new InvalidArgumentException($"constant_values must be a scalar. Shape received: {fill.Shape}");
        }

        ArrayOps.FillWith(y, fill);
        var ys = Strided.RowMajor(padded);
        int offset = 0;
        for (int k = 0; k < dims.Length; k++)
        {
            offset += pads[2 * k] * ys[k];
        }

        Strided.Copy(x.RawData, 0, Strided.RowMajor(dims), y.RawData, offset, ys, dims);
    };

    // dx = slice(dy, begin = paddings[:, 0], size = shape(x))
    private static Tensor UnpadGrad(Autodiff.GradContext g)
    {
        var paddings = g.X(1);
        var before = Slice(paddings, IntVector([0, 0], paddings.Graph), IntVector([-1, 1], paddings.Graph), null);
        var begin = ArrayOps.Reshape(before, IntVector([-1], paddings.Graph), null);
        return Slice(g.Dy, begin, ArrayOps.ShapeOf(g.X(0), paddings.DType, null), null);
    }

    private static void CheckPaddingsShape(Shape p, int rank)
    {
        if (p.HasRank && (p.Rank != 2 || (p[1] >= 0 && p[1] != 2) || (rank >= 0 && p[0] >= 0 && p[0] != rank)))
        {
            throw new InvalidArgumentException($"paddings must be a matrix of shape [{rank}, 2], one row per input dimension, got shape {p}");
        }
    }

    /// <summary>The paddings as a flat [before₀, after₀, before₁, …] array, checked against the input's rank.</summary>
    private static int[] Paddings(NDArray paddings, int rank)
    {
        CheckPaddingsShape(paddings.Shape, rank);
        return Ints(paddings);
    }

    /// <summary>dₖ + beforeₖ + afterₖ (-1 where dₖ is unknown); a mirror mode also bounds the paddings by the dims.</summary>
    private static int[] PaddedDims(int[] dims, int[] pads, string? mirror)
    {
        var padded = new int[dims.Length];
        for (int k = 0; k < dims.Length; k++)
        {
            int before = pads[2 * k], after = pads[(2 * k) + 1], d = dims[k];
            if (before < 0 || after < 0)
            {
                throw new InvalidArgumentException($"Paddings must be non-negative: {before} {after} (dimension {k})");
            }

            if (d >= 0 && mirror == "REFLECT" && (before >= d || after >= d))
            {
                throw new InvalidArgumentException($"paddings must be less than the dimension size: {before}, {after} not less than {d} (dimension {k})");
            }

            if (d >= 0 && mirror == "SYMMETRIC" && (before > d || after > d))
            {
                throw new InvalidArgumentException($"paddings must be no greater than the dimension size: {before}, {after} greater than {d} (dimension {k})");
            }

            padded[k] = d < 0 ? -1 : d + before + after;
        }

        return padded;
    }

    /// <summary>MirrorPadGrad's output dims: the padded dims less the paddings, which the mode must allow.</summary>
    private static int[] UnpaddedDims(int[] padded, int[] pads, string mode)
    {
        var dims = padded.Select((d, k) => d < 0 ? -1 : d - pads[2 * k] - pads[(2 * k) + 1]).ToArray();
        if (Array.Exists(dims, d => d < -1))
        {
            throw new InvalidArgumentException($"paddings [{string.Join(", ", pads)}] exceed the padded dimensions [{string.Join(", ", padded)}]");
        }

        PaddedDims(dims, pads, mode);
        return dims;
    }

    /// <summary>Per axis, the source offset of every padded position: REFLECT maps -i to i and d-1+i to d-1-i,
    /// SYMMETRIC maps -i to i-1 and d-1+i to d-i.</summary>
    private static int[][] MirrorTables(int[] dims, int[] pads, bool reflect)
    {
        var xs = Strided.RowMajor(dims);
        return dims.Select((d, k) => Enumerable.Range(-pads[2 * k], d + pads[2 * k] + pads[(2 * k) + 1]).Select(i =>
            (i < 0 ? (reflect ? -i : -i - 1) : i >= d ? (reflect ? (2 * d) - 2 - i : (2 * d) - 1 - i) : i) * xs[k]).ToArray()).ToArray();
    }

    private sealed class MirrorPadGradKernel(string mode) : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var dy = ctx.Input(0);
            var pads = Paddings(ctx.Input(1), dy.Rank);
            var dims = UnpaddedDims(dy.Shape.ToArray(), pads, mode);
            var dx = ctx.Output(0, Shape.Own(dims));
            dx.AsSpan<T>().Clear();
            Strided.ScatterAdd(dy.Data<T>(), MirrorTables(dims, pads, mode == "REFLECT"), dx.Data<T>());
        };
    }

    /// <summary>y = x repeated multiplesₖ times along each axis k: y[i] = x[i mod shape(x)].</summary>
    public static readonly OpDef TileOp = new("Tile",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, IndexTypes);
            ctx.ExpectRank(1, 1);
            var x = ctx.Shape(0);
            var multiples = ctx.Constant(1);
            int rank = x.HasRank ? x.Rank : multiples?.Size ?? VectorLength(ctx.Shape(1));
            if (multiples is null || rank < 0)
            {
                return One(ctx.DType(0), OfRank(rank));
            }

            return One(ctx.DType(0), Shape.Own(TiledDims(x.HasRank ? x.ToArray() : Enumerable.Repeat(-1, rank).ToArray(), Ints(multiples))));
        }),
        _ => ctx =>
        {
            var x = ctx.Input(0);
            var dims = x.Shape.ToArray();
            var multiples = Ints(ctx.Input(1));
            var y = ctx.Output(0, Shape.Own(TiledDims(dims, multiples)));

            // y viewed as [m₀, d₀, m₁, d₁, …] reads x with stride 0 along every mᵢ.
            var xs = Strided.RowMajor(dims);
            var view = new int[2 * dims.Length];
            var strides = new int[2 * dims.Length];
            for (int k = 0; k < dims.Length; k++)
            {
                (view[2 * k], view[(2 * k) + 1], strides[(2 * k) + 1]) = (multiples[k], dims[k], xs[k]);
            }

            Strided.Copy(x.RawData, 0, strides, y.RawData, 0, Strided.RowMajor(view), view);
        })
    {
        Inputs = ["input: T", "multiples: Tmultiples"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tmultiples"] = DType.Int32 },
        Grad = g =>
        {
            // dx = Σ over the copies: reshape dy to [m₀, d₀, m₁, d₁, …] and sum the even axes
            var shape = ArrayOps.ShapeOf(g.X(0), DType.Int32, null);
            var view = ArrayOps.Reshape(Pack([ArrayOps.Cast(g.X(1), DType.Int32, null), shape], 1, null), IntVector([-1], g.Op.Graph), null);
            var graph = g.Op.Graph;
            var axes = ArrayOps.Range(Scalar(0, DType.Int32, graph), ArrayOps.Size(view, DType.Int32, null), Scalar(2, DType.Int32, graph), null);
            return [ReduceOps.Reduce("Sum", ArrayOps.Reshape(g.Dy, view, null), axes, false, null), null];
        },
    };

    public static Tensor Tile(Tensor x, Tensor multiples, string? name) =>
        Out("Tile", name, [x, multiples], ("T", x.DType), ("Tmultiples", multiples.DType));

    private static int[] TiledDims(int[] dims, int[] multiples)
    {
        if (multiples.Length != dims.Length)
        {
            throw new InvalidArgumentException($"Expected multiples argument to be a vector of length {dims.Length} but got length {multiples.Length}");
        }

        for (int k = 0; k < dims.Length; k++)
        {
            if (multiples[k] < 0)
            {
                throw new InvalidArgumentException($"Expected multiples[{k}] >= 0, but got {multiples[k]}");
            }
        }

        return dims.Select((d, k) => d < 0 ? -1 : d * multiples[k]).ToArray();
    }
}
