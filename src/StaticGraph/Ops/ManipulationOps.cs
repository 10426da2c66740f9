using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Shape manipulation: Transpose, InvertPermutation, ExpandDims, Squeeze, Reverse, ReverseV2 and BroadcastTo
/// here; concatenation and splitting in ManipulationOps.Concat.cs; stacking in ManipulationOps.Stack.cs; slicing in
/// ManipulationOps.Slice.cs; padding and tiling in ManipulationOps.Pad.cs. Every kernel moves elements with the <see cref="Strided"/> loops,
/// so each op serves every dtype.</summary>
internal static partial class ManipulationOps
{
    public static IEnumerable<OpDef> Defs =>
    [
        TransposeOp, InvertPermutationOp, ConcatV2Op, ConcatOffsetOp, SplitOp, SplitVOp, PackOp, UnpackOp, SliceOp,
        StridedSliceOp, StridedSliceGradOp, PadOp, PadV2Op, MirrorPadOp, MirrorPadGradOp, TileOp, ExpandDimsOp,
        SqueezeOp, ReverseOp, ReverseV2Op, ReverseSequenceOp, BroadcastToOp,
    ];

    private static DType[] IndexTypes => [DType.Int32, DType.Int64];

    /// <summary>Runs inference whose checks are shared with the kernel: their <see cref="InvalidArgumentException"/>
    /// becomes a <see cref="GraphException"/> naming the node.</summary>
    private static TensorSpec[] Checked(InferContext ctx, Func<TensorSpec[]> infer)
    {
        try
        {
            return infer();
        }
        catch (InvalidArgumentException e)
        {
            throw ctx.Error(e.Message);
        }
    }

    private static TensorSpec[] One(DType dtype, Shape shape) => InferContext.One(dtype, shape);

    /// <summary>The length of a vector's static shape, or -1.</summary>
    private static int VectorLength(Shape s) => s.HasRank && s.Rank == 1 ? s[0] : -1;

    /// <summary>A shape of <paramref name="rank"/> unknown dimensions, or an unknown rank when it is -1.</summary>
    private static Shape OfRank(int rank) => rank >= 0 ? Shape.UnknownOfRank(rank) : Shape.Unknown;

    /// <summary><paramref name="axis"/> in [-rank, rank) as a non-negative axis.</summary>
    internal static int NormalizeAxis(int axis, int rank, string what = "axis") => axis >= -rank && axis < rank
        ? (axis < 0 ? axis + rank : axis)
        : throw new InvalidArgumentException($"{what} {axis} is out of range for a tensor of rank {rank}: expected [{-rank}, {rank})");

    private static int[] Ints(NDArray v) => ConstantFolding.ToInts(v);

    private static int ScalarInt(NDArray v, string what) => v.Size == 1
        ? ConstantFolding.FirstInt(v)
        : throw new InvalidArgumentException($"{what} must be a scalar, got shape {v.Shape}");

    private static void WriteInts(NDArray y, int[] values)
    {
        if (y.DType == DType.Int64)
        {
            var d = y.AsSpan<long>();
            for (int i = 0; i < values.Length; i++)
            {
                d[i] = values[i];
            }
        }
        else
        {
            values.CopyTo(y.AsSpan<int>());
        }
    }

    /// <summary>y = x's elements under another shape (a copy).</summary>
    private static void CopyAs(KernelContext ctx, Shape shape)
    {
        var x = ctx.Input(0);
        var y = ctx.Output(0, shape);
        if (!ReferenceEquals(x.RawData, y.RawData))
        {
            Array.Copy(x.RawData, y.RawData, x.Size); // else planned into x's own buffer: nothing to move
        }
    }

    /// <summary>dx = reshape(dy, shape(x)), the gradient of every op that only relabels dimensions.</summary>
    private static Tensor ReshapeLikeX(Autodiff.GradContext g) =>
        ArrayOps.Reshape(g.Dy, ArrayOps.ShapeOf(g.X(0), DType.Int32, null), null);

    /// <summary>y[i₀, …, iₙ₋₁] = x[j] with j[perm[k]] = iₖ: y's dimension k is x's dimension perm[k].</summary>
    public static readonly OpDef TransposeOp = new("Transpose",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, IndexTypes);
            var x = ctx.Shape(0);
            var perm = ctx.Constant(1);
            if (perm is null || !x.HasRank)
            {
                return One(ctx.DType(0), OfRank(x.HasRank ? x.Rank : perm is null ? VectorLength(ctx.Shape(1)) : perm.Size));
            }

            var p = Ints(perm);
            CheckPermutation(p, x.Rank);
            return One(ctx.DType(0), Shape.Own(p.Select(k => x[k]).ToArray()));
        }),
        _ => StridedCopyKernel(ctx => TransposeLayout(ctx.Input(0).Shape, Ints(ctx.Input(1)))))
    {
        Inputs = ["x: T", "perm: Tperm"], Outputs = ["y: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tperm"] = DType.Int32 },
        Grad = g => [Transpose(g.Dy, InvertPermutation(g.X(1), null), null), null], // dx = transpose(dy, perm⁻¹)
    };

    /// <summary>Transpose as a strided copy: x's strides in perm order over y's dimensions.</summary>
    private static SliceLayout TransposeLayout(Shape x, int[] perm)
    {
        CheckPermutation(perm, x.Rank);
        var xs = Strided.RowMajor(x.Dims);
        var dims = perm.Select(k => x[k]).ToArray();
        return new SliceLayout(0, perm.Select(k => xs[k]).ToArray(), Strided.RowMajor(dims), dims, Shape.Own(dims));
    }

    public static Tensor Transpose(Tensor x, Tensor perm, string? name) =>
        Out("Transpose", name, [x, perm], ("T", x.DType), ("Tperm", perm.DType));

    /// <summary>tf.transpose: <paramref name="perm"/> null reverses the axes.</summary>
    public static Tensor Transpose(Tensor x, int[]? perm, string? name)
    {
        if (perm is not null || x.Shape.HasRank)
        {
            // TF1: the perm constant goes under the op's own name scope ("transpose/perm").
            using var scope = x.Graph.NameScope(name ?? "transpose");
            var permTensor = IntVector(perm ?? Enumerable.Range(0, x.Shape.Rank).Reverse().ToArray(), x.Graph, "perm");
            return Transpose(x, permTensor, scope.Name);
        }

        var rank = ArrayOps.Rank(x, null);
        var reversed = ArrayOps.Range(rank - 1, Scalar(-1, DType.Int32, x.Graph), Scalar(-1, DType.Int32, x.Graph), null);
        return Transpose(x, reversed, name);
    }

    private static void CheckPermutation(int[] perm, int rank)
    {
        if (perm.Length != rank)
        {
            throw new InvalidArgumentException($"transpose expects a vector of size {rank}. But input(1) is a vector of size {perm.Length}");
        }

        var seen = new bool[rank];
        foreach (int p in perm)
        {
            if (p < 0 || p >= rank)
            {
                throw new InvalidArgumentException($"{p} is out of range [0 .. {rank}) in perm [{string.Join(", ", perm)}]");
            }

            if (seen[p])
            {
                throw new InvalidArgumentException($"{p} is duplicated in perm [{string.Join(", ", perm)}]");
            }

            seen[p] = true;
        }
    }

    /// <summary>y[x[i]] = i, for a permutation x of 0…n-1.</summary>
    public static readonly OpDef InvertPermutationOp = new("InvertPermutation",
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, IndexTypes);
            ctx.ExpectRank(0, 1);
            return One(ctx.DType(0), ctx.Shape(0).HasRank ? ctx.Shape(0) : Shape.UnknownOfRank(1));
        },
        _ => ctx =>
        {
            var x = ctx.Input(0);
            if (x.Rank != 1)
            {
                throw new InvalidArgumentException($"invert_permutation expects a 1-D vector, got shape {x.Shape}");
            }

            var p = Ints(x);
            var inverse = Enumerable.Repeat(-1, p.Length).ToArray();
            for (int i = 0; i < p.Length; i++)
            {
                if (p[i] < 0 || p[i] >= p.Length)
                {
                    throw new InvalidArgumentException($"{p[i]} is not between 0 and {p.Length}");
                }

                if (inverse[p[i]] >= 0)
                {
                    throw new InvalidArgumentException($"{p[i]} is duplicated in the input");
                }

                inverse[p[i]] = i;
            }

            WriteInts(ctx.Output(0, x.Shape), inverse);
        })
    {
        Inputs = ["x: T"], Outputs = ["y: T"],
        NoGradient = "an integer permutation",
    };

    public static Tensor InvertPermutation(Tensor x, string? name) => Out("InvertPermutation", name, [x], ("T", x.DType));

    /// <summary>y = x with a dimension of size 1 inserted at axis <c>dim</c> (negative counts from the end, -1
    /// appends).</summary>
    public static readonly OpDef ExpandDimsOp = new("ExpandDims",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, IndexTypes);
            var x = ctx.Shape(0);
            var dim = ctx.Constant(1);
            return One(ctx.DType(0), dim is null || !x.HasRank ? OfRank(x.HasRank ? x.Rank + 1 : -1) : Expanded(x.ToArray(), Ints(dim)));
        }),
        _ =>
        {
            var memo = new ShapeMemo<Shape>();
            return ctx =>
            {
                var key = new MemoKey(stackalloc int[16]);
                key.Add(ctx.Input(0).Shape);
                key.AddValues(ctx.Input(1));
                CopyAs(ctx, memo.Get(key) ?? memo.Set(key, Expanded(ctx.Input(0).Shape.ToArray(), Ints(ctx.Input(1)))));
            };
        })
    {
        Inputs = ["input: T", "dim: Tdim"], Outputs = ["output: T"],
        InPlaceInput = 0,
        InPlaceAnyShape = true,
        AttrDefaults = new Dictionary<string, object> { ["Tdim"] = DType.Int32 },
        Grad = g => [ReshapeLikeX(g), null], // dx = reshape(dy, shape(x))
    };

    public static Tensor ExpandDims(Tensor x, Tensor dim, string? name) =>
        Out("ExpandDims", name, [x, dim], ("T", x.DType), ("Tdim", dim.DType));

    private static Shape Expanded(int[] dims, int[] dim)
    {
        if (dim.Length != 1)
        {
            throw new InvalidArgumentException($"'dim' must be a tensor with a single value, got {dim.Length} values");
        }

        int r = dims.Length, a = dim[0];
        if (a < -r - 1 || a > r)
        {
            throw new InvalidArgumentException($"Tried to expand dim index {a} for tensor with {r} dimensions");
        }

        var list = dims.ToList();
        list.Insert(a < 0 ? a + r + 1 : a, 1);
        return Shape.Own([.. list]);
    }

    /// <summary>y = x without its size-1 dimensions (only those listed in <c>squeeze_dims</c>, when given).</summary>
    public static readonly OpDef SqueezeOp = new("Squeeze",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(1);
            var x = ctx.Shape(0);
            return One(ctx.DType(0), x.HasRank ? Squeezed(x.ToArray(), ctx.Attr("squeeze_dims", Array.Empty<int>())) : Shape.Unknown);
        }),
        b =>
        {
            var axes = b.Attr("squeeze_dims", Array.Empty<int>());
            return ctx => CopyAs(ctx, Squeezed(ctx.Input(0).Shape.ToArray(), axes));
        })
    {
        Inputs = ["input: T"], Outputs = ["output: T"],
        InPlaceInput = 0,
        InPlaceAnyShape = true,
        AttrDefaults = new Dictionary<string, object> { ["squeeze_dims"] = Array.Empty<long>() },
        Grad = g => [ReshapeLikeX(g)], // dx = reshape(dy, shape(x))
    };

    public static Tensor Squeeze(Tensor x, int[]? axis, string? name) =>
        Out("Squeeze", name, [x], ("T", x.DType), ("squeeze_dims", axis ?? []));

    private static Shape Squeezed(int[] dims, int[] axes)
    {
        if (axes.Length == 0)
        {
            // An unknown dimension might be 1, so nothing is known of the result.
            return Array.IndexOf(dims, -1) >= 0 ? Shape.Unknown : Shape.Own(dims.Where(d => d != 1).ToArray());
        }

        var squeeze = new bool[dims.Length];
        foreach (int a in axes)
        {
            if (a < -dims.Length || a >= dims.Length)
            {
                throw new InvalidArgumentException($"Tried to squeeze dim index {a} for tensor with {dims.Length} dimensions");
            }

            int k = a < 0 ? a + dims.Length : a;
            if (dims[k] != 1 && dims[k] != -1)
            {
                throw new InvalidArgumentException($"Can not squeeze dim[{k}], expected a dimension of 1, got {dims[k]}");
            }

            squeeze[k] = true;
        }

        return Shape.Own(dims.Where((_, k) => !squeeze[k]).ToArray());
    }

    /// <summary>y = x reversed along the axes where <c>dims</c> is true: y[…, iₖ, …] = x[…, dₖ-1-iₖ, …].</summary>
    public static readonly OpDef ReverseOp = new("Reverse",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, DType.Bool);
            ctx.ExpectRank(1, 1);
            int n = VectorLength(ctx.Shape(1));
            if (ctx.Shape(0).HasRank && n >= 0)
            {
                CheckReverseDims(ctx.Shape(0).Rank, n);
            }

            return One(ctx.DType(0), ctx.Shape(0));
        }),
        _ => ctx =>
        {
            var dims = ctx.Input(1).ToArray<bool>();
            CheckReverseDims(ctx.Input(0).Rank, dims.Length);
            ReverseKernel(ctx, dims);
        })
    {
        Inputs = ["tensor: T", "dims: bool"], Outputs = ["output: T"],
        Grad = g => [Reverse(g.Dy, g.X(1), null), null], // dx = reverse(dy)
    };

    public static Tensor Reverse(Tensor x, Tensor dims, string? name) => Out("Reverse", name, [x, dims], ("T", x.DType));

    private static void CheckReverseDims(int rank, int n)
    {
        if (rank != n)
        {
            throw new InvalidArgumentException($"'dims' must have the same number of values as 'input' has dimensions: 'input' has {rank}, 'dims' has {n}");
        }
    }

    /// <summary>y = x reversed along the axes listed in <c>axis</c> (negative counts from the end).</summary>
    public static readonly OpDef ReverseV2Op = new("ReverseV2",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, IndexTypes);
            ctx.ExpectRank(1, 1);
            var axes = ctx.Constant(1);
            if (ctx.Shape(0).HasRank && axes is not null)
            {
                ReverseMask(Ints(axes), ctx.Shape(0).Rank);
            }

            return One(ctx.DType(0), ctx.Shape(0));
        }),
        _ => ctx => ReverseKernel(ctx, ReverseMask(Ints(ctx.Input(1)), ctx.Input(0).Rank)))
    {
        Inputs = ["tensor: T", "axis: Tidx"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tidx"] = DType.Int32 },
        Grad = g => [ReverseV2(g.Dy, g.X(1), null), null], // dx = reverse(dy)
    };

    public static Tensor ReverseV2(Tensor x, Tensor axis, string? name) =>
        Out("ReverseV2", name, [x, axis], ("T", x.DType), ("Tidx", axis.DType));

    private static bool[] ReverseMask(int[] axes, int rank)
    {
        var mask = new bool[rank];
        for (int i = 0; i < axes.Length; i++)
        {
            if (axes[i] < -rank || axes[i] >= rank)
            {
                throw new InvalidArgumentException($"'axis'[{i}] = {axes[i]} is out of valid range [{-rank}, {rank - 1}]");
            }

            int k = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (mask[k])
            {
                throw new InvalidArgumentException($"axis {k} specified more than once");
            }

            mask[k] = true;
        }

        return mask;
    }

    private static void ReverseKernel(KernelContext ctx, bool[] reversed)
    {
        var x = ctx.Input(0);
        var dims = x.Shape.ToArray();
        var xs = Strided.RowMajor(dims);
        var strides = (int[])xs.Clone();
        int offset = 0;
        for (int k = 0; k < dims.Length; k++)
        {
            if (reversed[k])
            {
                offset += (dims[k] - 1) * xs[k];
                strides[k] = -xs[k];
            }
        }

        var y = ctx.Output(0, x.Shape);
        Strided.Copy(x.RawData, offset, strides, y.RawData, 0, xs, dims);
    }

    /// <summary>y = x broadcast (numpy rules) to the dimensions <c>shape</c>.</summary>
    public static readonly OpDef BroadcastToOp = new("BroadcastTo",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, IndexTypes);
            ctx.ExpectRank(1, 1);
            var target = ctx.Constant(1);
            if (target is null)
            {
                return One(ctx.DType(0), OfRank(VectorLength(ctx.Shape(1))));
            }

            var t = Ints(target);
            CheckBroadcast(ctx.Shape(0).HasRank ? ctx.Shape(0).ToArray() : [], t);
            return One(ctx.DType(0), Shape.Own(t));
        }),
        _ => ctx =>
        {
            var x = ctx.Input(0);
            var t = Ints(ctx.Input(1));
            var dims = x.Shape.ToArray();
            CheckBroadcast(dims, t);
            var xs = Strided.RowMajor(dims);
            var strides = new int[t.Length];
            for (int k = 0; k < dims.Length; k++)
            {
                strides[t.Length - dims.Length + k] = dims[k] == 1 ? 0 : xs[k];
            }

            var y = ctx.Output(0, Shape.Own(t));
            Strided.Copy(x.RawData, 0, strides, y.RawData, 0, Strided.RowMajor(t), t);
        })
    {
        Inputs = ["input: T", "shape: Tidx"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tidx"] = DType.Int32 },
        Grad = g =>
        {
            // dx = sum of dy over the broadcast axes, reshaped to shape(x)
            var shape = g.X(1);
            var sx = ArrayOps.ShapeOf(g.X(0), shape.DType, null);
            var (_, axes) = AutodiffOps.BroadcastGradientArgs(shape, sx, null);
            return [ArrayOps.Reshape(ReduceOps.Reduce("Sum", g.Dy, axes, true, null), sx, null), null];
        },
    };

    public static Tensor BroadcastTo(Tensor x, Tensor shape, string? name) =>
        Out("BroadcastTo", name, [x, shape], ("T", x.DType), ("Tidx", shape.DType));

    private static void CheckBroadcast(int[] dims, int[] target)
    {
        if (Array.Exists(target, d => d < 0))
        {
            throw new InvalidArgumentException($"BroadcastTo needs non-negative dimensions, got [{string.Join(", ", target)}]");
        }

        if (dims.Length > target.Length)
        {
            throw new InvalidArgumentException($"Rank of input ({dims.Length}) must be no greater than rank of output shape ({target.Length})");
        }

        for (int k = 1; k <= dims.Length; k++)
        {
            int d = dims[^k];
            if (d != -1 && d != 1 && d != target[^k])
            {
                throw new InvalidArgumentException($"Incompatible shapes: [{string.Join(",", dims)}] vs. [{string.Join(",", target)}]");
            }
        }
    }
}
