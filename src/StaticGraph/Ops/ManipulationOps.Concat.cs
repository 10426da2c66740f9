using StaticGraph.Execution;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Joining and cutting along one axis: ConcatV2 (with ConcatOffset for its gradient), Split, SplitV; Pack and Unpack
// in ManipulationOps.Stack.cs.
internal static partial class ManipulationOps
{
    /// <summary>y = x₀, x₁, … joined along <c>axis</c> (the last input); all other dimensions agree.</summary>
    public static readonly OpDef ConcatV2Op = new("ConcatV2",
        ctx => Checked(ctx, () =>
        {
            int n = ctx.Inputs.Count - 1;
            if (n < 2)
            {
                throw ctx.Error($"ConcatV2 needs at least 2 values and an axis, got {ctx.Inputs.Count} inputs");
            }

            var dtype = ctx.SameDType(0, n);
            ctx.ExpectDType(n, IndexTypes);
            var axis = ctx.Constant(n);
            return One(dtype, ConcatShape(Enumerable.Range(0, n).Select(ctx.Shape).ToArray(), axis is null ? null : ScalarInt(axis, "axis")));
        }),
        _ =>
        {
            var memo = new ShapeMemo<ConcatLayout>();
            return ctx =>
            {
                int n = ctx.InputCount - 1;
                var key = new MemoKey(stackalloc int[64]);
                for (int i = 0; i <= n; i++)
                {
                    key.Add(ctx.Input(i).Shape);
                }

                key.AddValues(ctx.Input(n));
                var layout = memo.Get(key) ?? memo.Set(key, ConcatLayoutOf(ctx, n));
                var y = ctx.Output(0, layout.Output);
                ConcatInto(ctx, n, y, layout.Axis, layout.Outer, layout.Inner);
            };
        })
    {
        Inputs = ["values: N * T", "axis: Tidx"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["Tidx"] = DType.Int32 },
        Grad = g =>
        {
            // dxᵢ = the slice of dy where xᵢ landed: begin = ConcatOffset(axis, shapes)ᵢ, size = shape(xᵢ)
            int n = g.Op.Inputs.Count - 1;
            var shapes = Enumerable.Range(0, n).Select(i => ArrayOps.ShapeOf(g.X(i), DType.Int32, null)).ToArray();
            var offsets = ConcatOffset(ArrayOps.Cast(g.X(n), DType.Int32, null), shapes, null);
            return [.. Enumerable.Range(0, n).Select(i => Slice(g.Dy, offsets[i], shapes[i], null)), null];
        },
    };

    /// <summary>Where a concatenation writes: the output shape, the normalized axis, and the products of the
    /// dimensions before and after it.</summary>
    private sealed record ConcatLayout(Shape Output, int Axis, int Outer, int Inner);

    private static ConcatLayout ConcatLayoutOf(KernelContext ctx, int n)
    {
        var shapes = new Shape[n];
        for (int i = 0; i < n; i++)
        {
            shapes[i] = ctx.Input(i).Shape;
        }

        var y = ConcatShape(shapes, ScalarInt(ctx.Input(n), "axis"));
        int a = NormalizeAxis(ScalarInt(ctx.Input(n), "axis"), y.Rank);
        var (outer, inner) = OuterInner(y, a);
        return new ConcatLayout(y, a, outer, inner);
    }

    private static void ConcatInto(KernelContext ctx, int n, NDArray y, int a, int outer, int inner)
    {
        int yRow = y.Shape[a] * inner, offset = 0;
        for (int i = 0; i < n; i++)
        {
            var x = ctx.Input(i);
            int row = x.Shape[a] * inner;
            for (int o = 0; o < outer; o++)
            {
                Array.Copy(x.RawData, o * row, y.RawData, (o * yRow) + offset, row);
            }

            offset += row;
        }
    }

    /// <summary>tf.concat: one value is returned as an identity, as TF1 does.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> values, Tensor axis, string? name) => values.Count == 1
        ? ArrayOps.Identity(values[0], name)
        : Out("ConcatV2", name, [.. values, axis], ("N", values.Count), ("T", values[0].DType), ("Tidx", axis.DType));

    /// <summary>The product of the dimensions before <paramref name="axis"/> and of those after it.</summary>
    private static (int Outer, int Inner) OuterInner(Shape s, int axis)
    {
        int outer = 1, inner = 1;
        for (int k = 0; k < s.Rank; k++)
        {
            if (k < axis)
            {
                outer *= s[k];
            }
            else if (k > axis)
            {
                inner *= s[k];
            }
        }

        return (outer, inner);
    }

    private static Shape ConcatShape(Shape[] shapes, int? axis)
    {
        var known = shapes.Where(s => s.HasRank).ToArray();
        if (known.Length == 0)
        {
            return Shape.Unknown;
        }

        int rank = known[0].Rank;
        foreach (var s in known)
        {
            if (s.Rank != rank)
            {
                throw new InvalidArgumentException($"Ranks of all input tensors should match: shape[0] = {known[0]} vs. {s}");
            }
        }

        if (rank == 0)
        {
            throw new InvalidArgumentException("Can't concatenate scalars (use tf.stack instead)");
        }

        if (axis is null)
        {
            return Shape.UnknownOfRank(rank);
        }

        int a = NormalizeAxis(axis.Value, rank);
        var dims = new int[rank];
        for (int k = 0; k < rank; k++)
        {
            dims[k] = k == a ? (known.Length < shapes.Length ? -1 : 0) : -1;
            foreach (var s in known)
            {
                if (k == a)
                {
                    dims[k] = dims[k] < 0 || s[k] < 0 ? -1 : dims[k] + s[k];
                }
                else if (s[k] >= 0 && dims[k] >= 0 && s[k] != dims[k])
                {
                    throw new InvalidArgumentException(
                        $"Dimensions of inputs should match: shape[0] = {known[0]} vs. {s} in dimension {k} (concatenating along {a})");
                }
                else if (s[k] >= 0)
                {
                    dims[k] = s[k];
                }
            }
        }

        return Shape.Own(dims);
    }

    /// <summary>offsetᵢ = where xᵢ starts in concat(x₀, x₁, …, axis): zeros but for Σ_{j&lt;i} shapeⱼ[axis] at
    /// <c>concat_dim</c>.</summary>
    public static readonly OpDef ConcatOffsetOp = new("ConcatOffset",
        ctx =>
        {
            if (ctx.Inputs.Count < 3)
            {
                throw ctx.Error($"ConcatOffset needs concat_dim and at least 2 shapes, got {ctx.Inputs.Count} inputs");
            }

            ctx.ExpectDType(0, DType.Int32);
            return Enumerable.Range(1, ctx.Inputs.Count - 1).Select(i =>
            {
                ctx.ExpectDType(i, DType.Int32);
                return new TensorSpec(DType.Int32, ctx.Shape(i));
            }).ToArray();
        },
        _ =>
        {
            var memo = new ShapeMemo<int[][]>();
            return ctx =>
            {
                var key = new MemoKey(stackalloc int[64]);
                for (int i = 0; i < ctx.InputCount; i++)
                {
                    key.AddValues(ctx.Input(i));
                }

                var offsets = memo.Get(key) ?? memo.Set(key, ConcatOffsets(ctx));
                for (int i = 0; i < offsets.Length; i++)
                {
                    WriteInts(ctx.OutputDims(i, [offsets[i].Length]), offsets[i]);
                }
            };
        })
    {
        Inputs = ["concat_dim: int32", "shape: N * int32"], Outputs = ["offset: N * int32"],
        NoGradient = "integer shape arithmetic",
    };

    private static int[][] ConcatOffsets(KernelContext ctx)
    {
        var shapes = Enumerable.Range(1, ctx.InputCount - 1).Select(i => Ints(ctx.Input(i))).ToArray();
        int a = NormalizeAxis(ScalarInt(ctx.Input(0), "concat_dim"), shapes[0].Length, "concat_dim");
        int offset = 0;
        var offsets = new int[shapes.Length][];
        for (int i = 0; i < shapes.Length; i++)
        {
            if (shapes[i].Length != shapes[0].Length || shapes[i].Where((d, k) => k != a && d != shapes[0][k]).Any())
            {
                throw new InvalidArgumentException(
                    $"input dimensions must match: shape[0] = [{string.Join(",", shapes[0])}] vs. shape[{i}] = [{string.Join(",", shapes[i])}]");
            }

            var o = new int[shapes[i].Length];
            o[a] = offset;
            offset += shapes[i][a];
            offsets[i] = o;
        }

        return offsets;
    }

    public static Tensor[] ConcatOffset(Tensor axis, Tensor[] shapes, string? name) =>
        [.. Op("ConcatOffset", name, [axis, .. shapes], ("N", shapes.Length)).Outputs];

    /// <summary>yᵢ = the i-th of <c>num_split</c> equal pieces of x (input 1) along <c>split_dim</c> (input 0).</summary>
    public static readonly OpDef SplitOp = new("Split",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, DType.Int32);
            int num = ctx.Attr<int>("num_split");
            var x = ctx.Shape(1);
            var axis = ctx.Constant(0);
            var piece = !x.HasRank ? Shape.Unknown : axis is null ? Shape.UnknownOfRank(x.Rank)
                : Shape.Own(SplitSizes(x.ToArray(), ScalarInt(axis, "split_dim"), Enumerable.Repeat(-2, num).ToArray()).Dims[0]);
            return Enumerable.Repeat(new TensorSpec(ctx.DType(1), piece), num).ToArray();
        }),
        b =>
        {
            int num = b.Attr<int>("num_split");
            var memo = new ShapeMemo<Tuple<int, int[][]>>();
            return ctx =>
            {
                var x = ctx.Input(1);
                var key = new MemoKey(stackalloc int[16]);
                key.Add(x.Shape);
                key.AddValues(ctx.Input(0));
                var pieces = memo.Get(key) ?? memo.Set(key, SplitSizes(x.Shape.ToArray(), ScalarInt(ctx.Input(0), "split_dim"), Enumerable.Repeat(-2, num).ToArray()).ToTuple());
                SplitKernel(ctx, x, pieces.Item1, pieces.Item2);
            };
        })
    {
        Inputs = ["split_dim: int32", "value: T"], Outputs = ["output: num_split * T"],
        Grad = g => [null, Concat(Dys(g), g.X(0), null)], // dx = concat(dy₀, dy₁, …) (zeros for unused outputs)
    };

    public static Tensor[] Split(Tensor axis, Tensor value, int num, string? name) =>
        [.. Op("Split", name, [axis, value], ("num_split", num), ("T", value.DType)).Outputs];

    /// <summary>yᵢ = the piece of x (input 0) of size <c>size_splits</c>[i] along <c>split_dim</c> (input 2); one
    /// size may be -1 (the rest).</summary>
    public static readonly OpDef SplitVOp = new("SplitV",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(1, IndexTypes);
            ctx.ExpectDType(2, DType.Int32);
            int num = ctx.Attr<int>("num_split");
            var x = ctx.Shape(0);
            var (sizes, axis) = (ctx.Constant(1), ctx.Constant(2));
            if (!x.HasRank || sizes is null || axis is null)
            {
                return Enumerable.Repeat(new TensorSpec(ctx.DType(0), x.HasRank ? Shape.UnknownOfRank(x.Rank) : Shape.Unknown), num).ToArray();
            }

            var (_, dims) = SplitSizes(x.ToArray(), ScalarInt(axis, "split_dim"), Ints(sizes), num);
            return dims.Select(d => new TensorSpec(ctx.DType(0), Shape.Own(d))).ToArray();
        }),
        b =>
        {
            int num = b.Attr<int>("num_split");
            return ctx =>
            {
                var x = ctx.Input(0);
                var (a, dims) = SplitSizes(x.Shape.ToArray(), ScalarInt(ctx.Input(2), "split_dim"), Ints(ctx.Input(1)), num);
                SplitKernel(ctx, x, a, dims);
            };
        })
    {
        Inputs = ["value: T", "size_splits: Tlen", "split_dim: int32"], Outputs = ["output: num_split * T"],
        AttrDefaults = new Dictionary<string, object> { ["Tlen"] = DType.Int64 },
        Grad = g => [Concat(Dys(g), g.X(2), null), null, null], // dx = concat(dy₀, dy₁, …) (zeros for unused outputs)
    };

    public static Tensor[] SplitV(Tensor value, Tensor sizes, Tensor axis, int num, string? name) =>
        [.. Op("SplitV", name, [value, sizes, axis], ("num_split", num), ("T", value.DType), ("Tlen", sizes.DType)).Outputs];

    /// <summary>The incoming gradient of every output, zeros where none arrives.</summary>
    private static Tensor[] Dys(Autodiff.GradContext g) =>
        g.Dys.Select((d, i) => d ?? ArrayOps.ZerosLike(g.Op.Outputs[i], null)).ToArray();

    /// <summary>The normalized axis and each piece's dimensions. <paramref name="sizes"/> holds -2 for "an equal
    /// share" (Split), or the SplitV sizes with at most one -1; <paramref name="num"/> checks SplitV's count.</summary>
    private static (int Axis, int[][] Dims) SplitSizes(int[] dims, int axis, int[] sizes, int num = -1)
    {
        int a = NormalizeAxis(axis, dims.Length, "split_dim");
        int d = dims[a];
        var pieces = (int[])sizes.Clone();
        if (num >= 0 && sizes.Length != num)
        {
            throw new InvalidArgumentException($"size_splits has {sizes.Length} values but num_split is {num}");
        }

        if (pieces.Length > 0 && pieces[0] == -2)
        {
            if (d >= 0 && d % pieces.Length != 0)
            {
                throw new InvalidArgumentException(
                    $"Number of ways to split should evenly divide the split dimension, but got split_dim {a} (size = {d}) and num_split {pieces.Length}");
            }

            Array.Fill(pieces, d < 0 ? -1 : d / pieces.Length);
        }
        else
        {
            int unknown = -1;
            long known = 0;
            for (int i = 0; i < pieces.Length; i++)
            {
                if (pieces[i] == -1 && unknown >= 0)
                {
                    throw new InvalidArgumentException($"Only one dimensions can have a value of -1. Second one found at dimension {i}");
                }

                if (pieces[i] < -1)
                {
                    throw new InvalidArgumentException($"size_splits[{i}] = {pieces[i]} must be non-negative (or -1 once)");
                }

                unknown = pieces[i] == -1 ? i : unknown;
                known += Math.Max(pieces[i], 0);
            }

            if (d >= 0 && (unknown >= 0 ? known > d : known != d))
            {
                throw new InvalidArgumentException(
                    $"Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified. Got: {known} for split_dim {a} of size {d}");
            }

            if (unknown >= 0 && d >= 0)
            {
                pieces[unknown] = d - (int)known;
            }
        }

        return (a, pieces.Select(p => { var s = (int[])dims.Clone(); s[a] = p; return s; }).ToArray());
    }

    private static void SplitKernel(KernelContext ctx, NDArray x, int a, int[][] dims)
    {
        var (outer, inner) = OuterInner(x.Shape, a);
        int xRow = x.Shape[a] * inner, offset = 0;
        for (int i = 0; i < dims.Length; i++)
        {
            var y = ctx.OutputDims(i, dims[i]);
            int row = dims[i][a] * inner;
            for (int o = 0; o < outer; o++)
            {
                Array.Copy(x.RawData, (o * xRow) + offset, y.RawData, o * row, row);
            }

            offset += row;
        }
    }
}
