using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Graph inputs, constants and shape manipulation: Placeholder, PlaceholderWithDefault, Const, Identity,
/// NoOp, Reshape, Shape, Size, Rank, Fill, ZerosLike, OnesLike, Cast.</summary>
internal static class ArrayOps
{
    public static IEnumerable<OpDef> Defs =>
    [
        PlaceholderOp, PlaceholderWithDefaultOp, ConstOp, IdentityOp, NoOpOp, ReshapeOp, ShapeOp, SizeOp, RankOp,
        FillOp, ZerosLikeOp, OnesLikeOp, CastOp, RangeOp,
    ];

    /// <summary>A value fed at run time: y = feed.</summary>
    public static readonly OpDef PlaceholderOp = new("Placeholder",
        ctx => InferContext.One(ctx.Attr<DType>("dtype"), ctx.Attr("shape", StaticGraph.Shape.Unknown)),
        b => throw new InvalidArgumentException(
            $"You must feed a value for placeholder tensor '{b.Op.Name}' with dtype {b.OutputDType(0)} and shape {b.Op.Outputs[0].Shape}."))
    {
        Inputs = [], Outputs = ["output: dtype"],
        NoGradient = "a graph input, not a function of other tensors",
    };

    public static Tensor Placeholder(DType dtype, StaticGraph.Shape? shape, string? name) =>
        Graph.Default.AddOperation("Placeholder", name ?? "Placeholder", [],
            [new("dtype", dtype), new("shape", shape ?? StaticGraph.Shape.Unknown)]).Output;

    /// <summary>y = feed if fed, else y = input.</summary>
    public static readonly OpDef PlaceholderWithDefaultOp = new("PlaceholderWithDefault",
        ctx =>
        {
            ctx.ExpectInputs(1);
            var shape = ctx.Attr("shape", StaticGraph.Shape.Unknown);
            if (!shape.IsCompatibleWith(ctx.Shape(0)))
            {
                throw ctx.Error($"the default value's shape {ctx.Shape(0)} is not compatible with the declared shape {shape}");
            }

            return InferContext.One(ctx.DType(0), shape);
        },
        _ => Copy)
    {
        Inputs = ["input: dtype"], Outputs = ["output: dtype"],
        Grad = g => [g.Dy], // dy/dx = 1 (when not fed)
    };

    public static Tensor PlaceholderWithDefault(Tensor input, StaticGraph.Shape shape, string? name) =>
        Out("PlaceholderWithDefault", name, [input], ("dtype", input.DType), ("shape", shape));

    /// <summary>y = value.</summary>
    public static readonly OpDef ConstOp = new("Const",
        ctx => InferContext.One(ctx.Attr<NDArray>("value").DType, ctx.Attr<NDArray>("value").Shape),
        b =>
        {
            var value = b.Attr<NDArray>("value");
            return ctx => ctx.SetOutput(0, value);
        })
    {
        Inputs = [], Outputs = ["output: dtype"],
        NoGradient = "a constant",
    };

    /// <summary>y = x.</summary>
    public static readonly OpDef IdentityOp = new("Identity", SameAsInput, _ => Copy)
    {
        Inputs = ["input: T"], Outputs = ["output: T"],
        Grad = g => [g.Dy], // dy/dx = 1
    };

    public static Tensor Identity(Tensor x, string? name) => Out("Identity", name, [x], ("T", x.DType));

    /// <summary>Does nothing; groups control inputs.</summary>
    public static readonly OpDef NoOpOp = new("NoOp", _ => [], _ => _ => { }) { Inputs = [], Outputs = [], NoGradient = "it has no outputs" };

    /// <summary>A NoOp in the graph of its control inputs (else the default graph), as tf.group builds it.</summary>
    public static Operation NoOp(string? name, IEnumerable<Operation>? controlInputs = null)
    {
        var inputs = controlInputs?.ToArray() ?? [];
        var graph = inputs.Length > 0 ? inputs[0].Graph : Graph.Default;
        return graph.AddOperation("NoOp", name, [], null, inputs);
    }

    /// <summary>y = x with the dimensions of <c>shape</c> (one entry may be -1, inferred from the size).</summary>
    public static readonly OpDef ReshapeOp = new("Reshape",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, DType.Int32, DType.Int64);
            var target = ctx.Constant(1);
            if (target is null && ctx.Inputs[1].Op.Type == "Shape")
            {
                // reshape(t, shape(u)): the result has u's (possibly partial) static shape.
                return InferContext.One(ctx.DType(0), ctx.Inputs[1].Op.Inputs[0].Shape);
            }

            if (target is null)
            {
                int n = ctx.Shape(1).HasRank && ctx.Shape(1).Rank == 1 ? ctx.Shape(1)[0] : -1;
                return InferContext.One(ctx.DType(0), n >= 0 ? StaticGraph.Shape.UnknownOfRank(n) : StaticGraph.Shape.Unknown);
            }

            var dims = ConstantFolding.ToInts(target);
            var inShape = ctx.Shape(0);
            try
            {
                return InferContext.One(ctx.DType(0), ResolveReshape(dims, inShape.NumElements, allowUnknown: true));
            }
            catch (InvalidArgumentException e)
            {
                throw ctx.Error(e.Message);
            }
        },
        _ => ctx =>
        {
            var x = ctx.Input(0);
            var target = ctx.Input(1);
            Span<int> dims = stackalloc int[target.Size];
            for (int i = 0; i < dims.Length; i++)
            {
                dims[i] = target.RawData is long[] l ? checked((int)l[i]) : target.Data<int>()[i];
            }

            var y = ctx.OutputDims(0, ResolveUnknown(dims, x.Size));
            if (!ReferenceEquals(x.RawData, y.RawData))
            {
                Array.Copy(x.RawData, y.RawData, x.Size); // else planned into x's own buffer: nothing to move
            }
        })
    {
        Inputs = ["tensor: T", "shape: Tshape"], Outputs = ["output: T"],
        InPlaceInput = 0,
        InPlaceAnyShape = true,
        Grad = g => [Reshape(g.Dy, ShapeOf(g.X(0), DType.Int32, null), null), null], // dx = reshape(dy, shape(x))
    };

    public static Tensor Reshape(Tensor tensor, Tensor shape, string? name) =>
        Out("Reshape", name, [tensor, shape], ("T", tensor.DType), ("Tshape", shape.DType));

    /// <summary>The shape that <paramref name="dims"/> (with at most one -1) means for a tensor of
    /// <paramref name="size"/> elements (-1: unknown at build time).</summary>
    internal static StaticGraph.Shape ResolveReshape(int[] dims, long size, bool allowUnknown)
    {
        if (size < 0)
        {
            Validate(dims);
            return allowUnknown ? StaticGraph.Shape.Own((int[])dims.Clone()) : throw new InvalidArgumentException("input size is unknown");
        }

        var result = (int[])dims.Clone();
        ResolveUnknown(result, size);
        return StaticGraph.Shape.Own(result);
    }

    /// <summary>Checks reshape <paramref name="dims"/> (at most one -1, the rest non-negative) and returns the
    /// index of the -1 (or -1) and the product of the known sizes.</summary>
    private static (int Unknown, long Known) Validate(ReadOnlySpan<int> dims)
    {
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (unknown >= 0)
                {
                    throw new InvalidArgumentException($"only one input size may be -1, not both {unknown} and {i}");
                }

                unknown = i;
            }
            else if (dims[i] < 0)
            {
                throw new InvalidArgumentException($"size {i} must be non-negative, not {dims[i]}");
            }
            else
            {
                known *= dims[i];
            }
        }

        return (unknown, known);
    }

    /// <summary>Fills the -1 of reshape <paramref name="dims"/> in place so they hold <paramref name="size"/>
    /// elements (no allocation: the kernel's path).</summary>
    private static Span<int> ResolveUnknown(Span<int> dims, long size)
    {
        var (unknown, known) = Validate(dims);
        if (unknown >= 0)
        {
            if (known == 0 || size % known != 0)
            {
                throw new InvalidArgumentException(
                    $"Input to reshape is a tensor with {size} values, but the requested shape requires a multiple of {known}");
            }

            dims[unknown] = (int)(size / known);
        }
        else if (known != size)
        {
            throw new InvalidArgumentException(
                $"Cannot reshape a tensor with {size} elements to shape [{string.Join(",", dims.ToArray())}] ({known} elements)");
        }

        return dims;
    }

    /// <summary>y = the dimensions of x.</summary>
    public static readonly OpDef ShapeOp = new("Shape",
        ctx =>
        {
            ctx.ExpectInputs(1);
            return InferContext.One(ctx.Attr("out_type", DType.Int32), [ctx.Shape(0).Rank]);
        },
        b => b.OutputDType(0) == DType.Int64
            ? ctx =>
            {
                var x = ctx.Input(0);
                var y = ctx.OutputDims(0, [x.Rank]).AsSpan<long>();
                for (int i = 0; i < x.Rank; i++)
                {
                    y[i] = x.Shape[i];
                }
            }
            : ctx =>
            {
                var x = ctx.Input(0);
                x.Shape.Dims.CopyTo(ctx.OutputDims(0, [x.Rank]).AsSpan<int>());
            })
    {
        Inputs = ["input: T"], Outputs = ["output: out_type"],
        NoGradient = "an integer output that depends only on the input's shape",
    };

    /// <summary>tf.shape. The Shape node goes in <paramref name="input"/>'s own graph when that is a function body
    /// other than the one being traced: a loop gradient that needs a forward tensor's shape then keeps that shape per
    /// iteration, not the whole tensor.</summary>
    public static Tensor ShapeOf(Tensor input, DType outType, string? name)
    {
        ArgumentNullException.ThrowIfNull(input);
        var graph = input.Graph.Function is not null && input.Graph != Graph.Default ? input.Graph : Graph.For([input]);
        return graph.AddOperation("Shape", name, [input], [new("T", input.DType), new("out_type", outType)]).Output;
    }

    /// <summary>y = the number of elements of x.</summary>
    public static readonly OpDef SizeOp = new("Size",
        ctx =>
        {
            ctx.ExpectInputs(1);
            return InferContext.One(ctx.Attr("out_type", DType.Int32), StaticGraph.Shape.Scalar);
        },
        b => b.OutputDType(0) == DType.Int64
            ? ctx => ctx.Output(0, StaticGraph.Shape.Scalar).AsSpan<long>()[0] = ctx.Input(0).Size
            : ctx => ctx.Output(0, StaticGraph.Shape.Scalar).AsSpan<int>()[0] = ctx.Input(0).Size)
    {
        Inputs = ["input: T"], Outputs = ["output: out_type"],
        NoGradient = "an integer output that depends only on the input's shape",
    };

    public static Tensor Size(Tensor input, DType outType, string? name) =>
        Out("Size", name, [input], ("T", input.DType), ("out_type", outType));

    /// <summary>y = the rank of x.</summary>
    public static readonly OpDef RankOp = new("Rank",
        ctx =>
        {
            ctx.ExpectInputs(1);
            return InferContext.One(DType.Int32, StaticGraph.Shape.Scalar);
        },
        _ => ctx => ctx.Output(0, StaticGraph.Shape.Scalar).AsSpan<int>()[0] = ctx.Input(0).Rank)
    {
        Inputs = ["input: T"], Outputs = ["output: int32"],
        NoGradient = "an integer output that depends only on the input's shape",
    };

    public static Tensor Rank(Tensor input, string? name) => Out("Rank", name, [input], ("T", input.DType));

    /// <summary>y[i...] = value for every index of a tensor with dimensions <c>dims</c>.</summary>
    public static readonly OpDef FillOp = new("Fill",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, DType.Int32, DType.Int64);
            if (ctx.Shape(1).HasRank && ctx.Shape(1).Rank != 0)
            {
                throw ctx.Error($"value must be a scalar, got shape {ctx.Shape(1)}");
            }

            var dims = ctx.Constant(0);
            if (dims is not null)
            {
                var d = ConstantFolding.ToInts(dims);
                if (d.Any(x => x < 0))
                {
                    throw ctx.Error($"dims must be non-negative, got [{string.Join(", ", d)}]");
                }

                return InferContext.One(ctx.DType(1), StaticGraph.Shape.Own(d));
            }

            int rank = ctx.Shape(0).HasRank && ctx.Shape(0).Rank == 1 ? ctx.Shape(0)[0] : -1;
            return InferContext.One(ctx.DType(1), rank >= 0 ? StaticGraph.Shape.UnknownOfRank(rank) : StaticGraph.Shape.Unknown);
        },
        _ => ctx =>
        {
            var target = ctx.Input(0);
            Span<int> dims = stackalloc int[target.Size];
            for (int i = 0; i < dims.Length; i++)
            {
                dims[i] = target.RawData is long[] l ? checked((int)l[i]) : target.Data<int>()[i];
                if (dims[i] < 0)
                {
                    throw new InvalidArgumentException($"Fill dims must be non-negative, got [{string.Join(", ", ConstantFolding.ToInts(target))}]");
                }
            }

            FillWith(ctx.OutputDims(0, dims), ctx.Input(1));
        })
    {
        Inputs = ["dims: index_type", "value: T"], Outputs = ["output: T"],
        Grad = g => [null, ReduceOps.Sum(g.Dy, null, false, null)], // d value = sum(dy)
    };

    public static Tensor Fill(Tensor dims, Tensor value, string? name) =>
        Out("Fill", name, [dims, value], ("T", value.DType), ("index_type", dims.DType));

    /// <summary>Sets every element of <paramref name="y"/> to the single element of <paramref name="scalar"/>.</summary>
    internal static void FillWith(NDArray y, NDArray scalar)
    {
        switch (y.RawData)
        {
            case float[] f: f.AsSpan(0, y.Size).Fill(scalar.Data<float>()[0]); break;
            case double[] d: d.AsSpan(0, y.Size).Fill(scalar.Data<double>()[0]); break;
            case int[] i: i.AsSpan(0, y.Size).Fill(scalar.Data<int>()[0]); break;
            case long[] l: l.AsSpan(0, y.Size).Fill(scalar.Data<long>()[0]); break;
            case byte[] u: u.AsSpan(0, y.Size).Fill(scalar.Data<byte>()[0]); break;
            case bool[] b: b.AsSpan(0, y.Size).Fill(scalar.Data<bool>()[0]); break;
            case byte[][] s: s.AsSpan(0, y.Size).Fill(scalar.Data<byte[]>()[0]); break;
            default: throw new InvalidArgumentException($"Cannot fill a {y.DType} tensor.");
        }
    }

    /// <summary>y = 0 with the shape and dtype of x.</summary>
    public static readonly OpDef ZerosLikeOp = new("ZerosLike", SameAsInput, b => FillConstant(b, 0))
    {
        Inputs = ["x: T"], Outputs = ["y: T"],
        NoGradient = "constant in its input's values",
    };

    public static Tensor ZerosLike(Tensor x, string? name) => Out("ZerosLike", name, [x], ("T", x.DType));

    /// <summary>y = 1 with the shape and dtype of x.</summary>
    public static readonly OpDef OnesLikeOp = new("OnesLike", SameAsInput, b => FillConstant(b, 1))
    {
        Inputs = ["x: T"], Outputs = ["y: T"],
        NoGradient = "constant in its input's values",
    };

    public static Tensor OnesLike(Tensor x, string? name) => Out("OnesLike", name, [x], ("T", x.DType));

    // The fill value is converted to the input's dtype once, when the kernel is bound.
    private static Kernel FillConstant(KernelBuild b, double value)
    {
        var fill = NDArray.Scalar(value).AsType(b.InputDType(0));
        return ctx =>
        {
            var x = ctx.Input(0);
            FillWith(ctx.Output(0, x.Shape), fill);
        };
    }

    /// <summary>y = x converted to DstT (C casts: float to int truncates).</summary>
    public static readonly OpDef CastOp = new("Cast",
        ctx => InferContext.One(ctx.Attr<DType>("DstT"), ctx.Shape(0)),
        _ => ctx =>
        {
            var x = ctx.Input(0);
            CastKernel.Convert(x, ctx.Output(0, x.Shape));
        })
    {
        Inputs = ["x: SrcT"], Outputs = ["y: DstT"],
        // dx = cast(dy, SrcT) between float types; integer paths carry no gradient.
        Grad = g => [g.Op.Inputs[0].DType.IsFloating && g.Dy.DType.IsFloating ? Cast(g.Dy, g.Op.Inputs[0].DType, null) : null],
    };

    public static Tensor Cast(Tensor x, DType dtype, string? name) =>
        x.DType == dtype && name is null ? x : Out("Cast", name ?? "Cast", [x], ("SrcT", x.DType), ("DstT", dtype), ("Truncate", false));

    /// <summary>y = [start, start + delta, ...] up to but excluding limit.</summary>
    public static readonly OpDef RangeOp = new("Range",
        ctx =>
        {
            ctx.ExpectInputs(3);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, DType.Int32, DType.Int64, DType.Float32, DType.Float64);
            var (start, limit, delta) = (ctx.Constant(0), ctx.Constant(1), ctx.Constant(2));
            if (start is null || limit is null || delta is null)
            {
                return InferContext.One(dtype, [-1]);
            }

            try
            {
                return InferContext.One(dtype, [RangeSize((double)start, (double)limit, (double)delta)]);
            }
            catch (InvalidArgumentException e)
            {
                throw ctx.Error(e.Message);
            }
        },
        _ => ctx =>
        {
            var (start, limit, delta) = ((double)ctx.Input(0), (double)ctx.Input(1), (double)ctx.Input(2));
            var y = ctx.OutputDims(0, [RangeSize(start, limit, delta)]);
            var values = NDArray.Zeros(DType.Float64, y.Shape);
            var v = values.AsSpan<double>();
            for (int i = 0; i < v.Length; i++)
            {
                v[i] = start + (i * delta);
            }

            CastKernel.Convert(values, y);
        })
    {
        Inputs = ["start: Tidx", "limit: Tidx", "delta: Tidx"], Outputs = ["output: Tidx"],
        AttrDefaults = new Dictionary<string, object> { ["Tidx"] = DType.Int32 },
        NoGradient = "a sequence built from scalars; TF1 defines no gradient",
    };

    public static Tensor Range(Tensor start, Tensor limit, Tensor delta, string? name) =>
        Out("Range", name ?? "range", [start, limit, delta], ("Tidx", start.DType));

    private static int RangeSize(double start, double limit, double delta)
    {
        if (delta == 0)
        {
            throw new InvalidArgumentException("Requires delta != 0");
        }

        if ((delta > 0 && start > limit) || (delta < 0 && start < limit))
        {
            throw new InvalidArgumentException($"Requires start <= limit when delta > 0 (or start >= limit when delta < 0): {start}/{limit}");
        }

        return checked((int)Math.Ceiling(Math.Abs((limit - start) / delta)));
    }

    /// <summary>Inference for ops whose output has the dtype and shape of input 0.</summary>
    internal static TensorSpec[] SameAsInput(InferContext ctx) => InferContext.One(ctx.DType(0), ctx.Shape(0));

    /// <summary>y = a copy of x (a planned buffer never aliases another value's buffer).</summary>
    internal static void Copy(KernelContext ctx)
    {
        var x = ctx.Input(0);
        var y = ctx.Output(0, x.Shape);
        Array.Copy(x.RawData, y.RawData, x.Size);
    }
}
