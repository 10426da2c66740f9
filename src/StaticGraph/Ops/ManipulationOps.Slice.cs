using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>StridedSlice's five bit masks (bit i refers to the i-th entry of begin/end/strides).</summary>
internal readonly record struct SliceMasks(int Begin = 0, int End = 0, int Ellipsis = 0, int NewAxis = 0, int Shrink = 0)
{
    public static SliceMasks Of(AttrMap attrs) => new(attrs.Get("begin_mask", 0), attrs.Get("end_mask", 0),
        attrs.Get("ellipsis_mask", 0), attrs.Get("new_axis_mask", 0), attrs.Get("shrink_axis_mask", 0));

    public (string, object)[] Attrs =>
    [
        ("begin_mask", Begin), ("end_mask", End), ("ellipsis_mask", Ellipsis), ("new_axis_mask", NewAxis), ("shrink_axis_mask", Shrink),
    ];
}

/// <summary>A resolved strided slice over the input's dimensions: where each axis starts, its step, how many
/// elements it takes, and the output's dimensions (shrunk axes removed, new axes added).</summary>
internal sealed record StridedSliceSpec(int[] Begin, int[] Strides, int[] Sizes, int[] FinalDims);

/// <summary>How a (strided) slice reads its input: the first element's flat offset, each sliced axis's step in the
/// input and in the output, the number of elements per axis, and the output shape.</summary>
internal sealed record SliceLayout(int Offset, int[] XStrides, int[] YStrides, int[] Sizes, Shape Output);

// Slice, StridedSlice and StridedSliceGrad.
internal static partial class ManipulationOps
{
    /// <summary>y = x[b₀ : b₀+s₀, b₁ : b₁+s₁, …] with b = <c>begin</c>, s = <c>size</c> (-1: to the end).</summary>
    public static readonly OpDef SliceOp = new("Slice",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(1, IndexTypes);
            ctx.SameDType(1, 2);
            var x = ctx.Shape(0);
            var (begin, size) = (ctx.Constant(1), ctx.Constant(2));
            int[]? b = begin is null ? null : Ints(begin), s = size is null ? null : Ints(size);
            int rank = x.HasRank ? x.Rank : b?.Length ?? s?.Length ?? VectorLength(ctx.Shape(1));
            return One(ctx.DType(0), rank < 0 ? Shape.Unknown
                : Shape.Own(SliceSizes(x.HasRank ? x.ToArray() : Enumerable.Repeat(-1, rank).ToArray(), b, s)));
        }),
        _ => StridedCopyKernel(ctx => SliceLayoutOf(ctx.Input(0).Shape, Ints(ctx.Input(1)), Ints(ctx.Input(2)))))
    {
        Inputs = ["input: T", "begin: Index", "size: Index"], Outputs = ["output: T"],
        Grad = g =>
        {
            // dx = pad(dy, [begin, shape(x) - shape(y) - begin]): dy back in place, zeros around it
            var begin = g.X(1);
            var after = ArrayOps.ShapeOf(g.X(0), begin.DType, null) - ArrayOps.ShapeOf(g.Y, begin.DType, null) - begin;
            return [Pad(g.Dy, Pack([begin, after], 1, null), null), null, null];
        },
    };

    public static Tensor Slice(Tensor x, Tensor begin, Tensor size, string? name) =>
        Out("Slice", name, [x, begin, size], ("T", x.DType), ("Index", begin.DType));

    /// <summary>A kernel copying a strided block of input 0 (a slice, a transpose) whose layout depends only on
    /// input 0's shape and the values of the other inputs: the layout is derived once per run shape.</summary>
    private static Kernel StridedCopyKernel(Func<KernelContext, SliceLayout> layoutOf)
    {
        var memo = new ShapeMemo<SliceLayout>();
        return ctx =>
        {
            var x = ctx.Input(0);
            var key = new MemoKey(stackalloc int[64]);
            key.Add(x.Shape);
            for (int i = 1; i < ctx.InputCount; i++)
            {
                key.AddValues(ctx.Input(i));
            }

            var layout = memo.Get(key) ?? memo.Set(key, layoutOf(ctx));
            var y = ctx.Output(0, layout.Output);
            Strided.Copy(x.RawData, layout.Offset, layout.XStrides, y.RawData, 0, layout.YStrides, layout.Sizes);
        };
    }

    private static SliceLayout SliceLayoutOf(Shape x, int[] begin, int[] size)
    {
        var dims = x.ToArray();
        var sizes = SliceSizes(dims, begin, size);
        var xs = Strided.RowMajor(dims);
        int offset = 0;
        for (int k = 0; k < dims.Length; k++)
        {
            offset += begin[k] * xs[k];
        }

        return new SliceLayout(offset, xs, Strided.RowMajor(sizes), sizes, Shape.Own(sizes));
    }

    /// <summary>The sizes of a slice (-1 where unknown); checks begin and size against the dims that are known.</summary>
    private static int[] SliceSizes(int[] dims, int[]? begin, int[]? size)
    {
        if ((begin is not null && begin.Length != dims.Length) || (size is not null && size.Length != dims.Length))
        {
            throw new InvalidArgumentException(
                $"Expected begin and size arguments to be 1-D tensors of size {dims.Length}, but got {begin?.Length ?? -1} and {size?.Length ?? -1} values instead");
        }

        var sizes = new int[dims.Length];
        for (int k = 0; k < dims.Length; k++)
        {
            int d = dims[k], b = begin?[k] ?? -1, s = size?[k] ?? -2;
            if (begin is not null && (b < 0 || (d >= 0 && b > d)))
            {
                throw new InvalidArgumentException($"Expected begin[{k}] in [0, {(d >= 0 ? d : "?")}], but got {b}");
            }

            if (size is not null && s < -1)
            {
                throw new InvalidArgumentException($"Expected size[{k}] >= -1, but got {s}");
            }

            bool known = begin is not null && d >= 0;
            if (known && s >= 0 && b + s > d)
            {
                throw new InvalidArgumentException($"Expected size[{k}] in [0, {d - b}], but got {s}");
            }

            sizes[k] = s >= 0 ? s : s == -1 && known ? d - b : -1;
        }

        return sizes;
    }

    /// <summary>y = x[begin : end : strides] over the axes, numpy style: masks take whole axes (begin/end), expand an
    /// ellipsis, insert size-1 axes (new_axis) and index instead of slicing (shrink_axis); out-of-range begin/end
    /// clamp.</summary>
    public static readonly OpDef StridedSliceOp = new("StridedSlice",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(4);
            ctx.ExpectDType(1, IndexTypes);
            ctx.SameDType(1, 3);
            var x = ctx.Shape(0);
            var (b, e, s) = (ctx.Constant(1), ctx.Constant(2), ctx.Constant(3));
            if (!x.HasRank || b is null || e is null || s is null)
            {
                return One(ctx.DType(0), Shape.Unknown);
            }

            return One(ctx.DType(0), Shape.Own(ResolveStridedSlice(x.ToArray(), Ints(b), Ints(e), Ints(s), SliceMasks.Of(ctx.Attrs)).FinalDims));
        }),
        b =>
        {
            var masks = SliceMasks.Of(b.Op.Attrs);
            return StridedCopyKernel(ctx => StridedLayout(ctx.Input(0).Shape, ctx, masks));
        })
    {
        Inputs = ["input: T", "begin: Index", "end: Index", "strides: Index"], Outputs = ["output: T"],
        AttrDefaults = MaskDefaults,
        // dx = StridedSliceGrad(shape(x), begin, end, strides, dy): dy scattered back, zeros elsewhere
        Grad = g => [StridedSliceGrad(ArrayOps.ShapeOf(g.X(0), g.X(1).DType, null), g.X(1), g.X(2), g.X(3), g.Dy, SliceMasks.Of(g.Op.Attrs), null), null, null, null],
    };

    private static SliceLayout StridedLayout(Shape x, KernelContext ctx, SliceMasks masks)
    {
        var dims = x.ToArray();
        var spec = ResolveStridedSlice(dims, Ints(ctx.Input(1)), Ints(ctx.Input(2)), Ints(ctx.Input(3)), masks);
        var (offset, strides) = Addressing(spec, Strided.RowMajor(dims));
        return new SliceLayout(offset, strides, Strided.RowMajor(spec.Sizes), spec.Sizes, Shape.Own(spec.FinalDims));
    }

    private static Dictionary<string, object> MaskDefaults => new()
    {
        ["begin_mask"] = 0, ["end_mask"] = 0, ["ellipsis_mask"] = 0, ["new_axis_mask"] = 0, ["shrink_axis_mask"] = 0,
    };

    public static Tensor StridedSlice(Tensor x, Tensor begin, Tensor end, Tensor strides, SliceMasks masks, string? name) =>
        Out("StridedSlice", name, [x, begin, end, strides], [("T", x.DType), ("Index", begin.DType), .. masks.Attrs]);

    /// <summary>dx = zeros of <c>shape</c> with dy written where StridedSlice(begin, end, strides) read: the
    /// gradient of StridedSlice.</summary>
    public static readonly OpDef StridedSliceGradOp = new("StridedSliceGrad",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(5);
            ctx.ExpectDType(0, IndexTypes);
            ctx.SameDType(0, 4);
            var shape = ctx.Constant(0);
            if (shape is null)
            {
                return One(ctx.DType(4), OfRank(VectorLength(ctx.Shape(0))));
            }

            var dims = Ints(shape);
            var (b, e, s) = (ctx.Constant(1), ctx.Constant(2), ctx.Constant(3));
            if (b is not null && e is not null && s is not null)
            {
                CheckDy(ResolveStridedSlice(dims, Ints(b), Ints(e), Ints(s), SliceMasks.Of(ctx.Attrs)), ctx.Shape(4));
            }

            return One(ctx.DType(4), Shape.Own(dims));
        }),
        b =>
        {
            var masks = SliceMasks.Of(b.Op.Attrs);
            var zero = NDArray.Zeros(b.InputDType(4), Shape.Scalar);
            return ctx =>
            {
                var dims = Ints(ctx.Input(0));
                var spec = ResolveStridedSlice(dims, Ints(ctx.Input(1)), Ints(ctx.Input(2)), Ints(ctx.Input(3)), masks);
                var dy = ctx.Input(4);
                CheckDy(spec, dy.Shape);
                var dx = ctx.Output(0, Shape.Own(dims));
                ArrayOps.FillWith(dx, zero);
                var (offset, strides) = Addressing(spec, Strided.RowMajor(dims));
                Strided.Copy(dy.RawData, 0, Strided.RowMajor(spec.Sizes), dx.RawData, offset, strides, spec.Sizes);
            };
        })
    {
        Inputs = ["shape: Index", "begin: Index", "end: Index", "strides: Index", "dy: T"], Outputs = ["output: T"],
        AttrDefaults = MaskDefaults,
        // d dy = StridedSlice(ddx, begin, end, strides): the op is linear in dy
        Grad = g => [null, null, null, null, StridedSlice(g.Dy, g.X(1), g.X(2), g.X(3), SliceMasks.Of(g.Op.Attrs), null)],
    };

    public static Tensor StridedSliceGrad(Tensor shape, Tensor begin, Tensor end, Tensor strides, Tensor dy, SliceMasks masks, string? name) =>
        Out("StridedSliceGrad", name, [shape, begin, end, strides, dy], [("T", dy.DType), ("Index", begin.DType), .. masks.Attrs]);

    private static void CheckDy(StridedSliceSpec spec, Shape dy)
    {
        if (!dy.IsCompatibleWith(Shape.Own(spec.FinalDims)))
        {
            throw new InvalidArgumentException($"shape of dy was {dy} instead of {Shape.Own(spec.FinalDims)}");
        }
    }

    /// <summary>The flat offset of the slice's first element and each processed axis's step in a buffer with
    /// <paramref name="rowMajor"/> strides.</summary>
    private static (int Offset, int[] Strides) Addressing(StridedSliceSpec spec, int[] rowMajor)
    {
        int offset = 0;
        var strides = new int[rowMajor.Length];
        for (int k = 0; k < rowMajor.Length; k++)
        {
            offset += spec.Sizes[k] > 0 ? spec.Begin[k] * rowMajor[k] : 0;
            strides[k] = spec.Strides[k] * rowMajor[k];
        }

        return (offset, strides);
    }

    private const int NewAxisIndex = -1;
    private const int ShrinkIndex = -2;

    /// <summary>TF's strided-slice resolution: the sparse spec (begin/end/strides with masks, maybe an ellipsis)
    /// becomes a dense one over <paramref name="dims"/> (-1 = unknown), then each axis's begin/end is made
    /// non-negative and clamped, and its size counted.</summary>
    internal static StridedSliceSpec ResolveStridedSlice(int[] dims, int[] begin, int[] end, int[] strides, SliceMasks m)
    {
        int n = begin.Length;
        if (end.Length != n || strides.Length != n)
        {
            throw new InvalidArgumentException($"Expected begin, end, and strides to be 1D equal size tensors, but got {n}, {end.Length} and {strides.Length} values");
        }

        if (n > 30)
        {
            throw new InvalidArgumentException($"A strided slice takes at most 30 indices, got {n}");
        }

        int ellipsis = m.Ellipsis & ((1 << n) - 1);
        if (BitOperations.PopCount((uint)ellipsis) > 1)
        {
            throw new InvalidArgumentException("Multiple ellipses in slice spec not allowed");
        }

        int newAxesAfterEllipsis = 0;
        for (int i = 0, seen = 0; i < n; i++)
        {
            newAxesAfterEllipsis += seen & (m.NewAxis >> i) & 1;
            seen |= (ellipsis >> i) & 1;
        }

        int sparse = n;
        if (ellipsis == 0)
        {
            ellipsis = 1 << n; // an implicit ellipsis after the last index takes the remaining axes
            sparse++;
        }

        int rank = dims.Length;
        var (b, e, s) = (new int[rank], new int[rank], new int[rank]);
        var (bm, em, shrink) = (new bool[rank], new bool[rank], new bool[rank]);
        var gather = new List<int>();
        int full = 0;
        for (int i = 0; i < sparse; i++)
        {
            int bit = 1 << i;
            if ((ellipsis & bit) != 0)
            {
                for (int next = Math.Min(rank - (sparse - i) + 1 + newAxesAfterEllipsis, rank); full < next; full++)
                {
                    (s[full], bm[full], em[full]) = (1, true, true);
                    gather.Add(full);
                }
            }
            else if ((m.NewAxis & bit) != 0)
            {
                gather.Add(NewAxisIndex);
            }
            else
            {
                if (full == rank)
                {
                    throw new InvalidArgumentException($"Index out of range using input dim {full}; input has only {rank} dims");
                }

                (b[full], e[full], s[full]) = (begin[i], end[i], strides[i]);
                (bm[full], em[full], shrink[full]) = ((m.Begin & bit) != 0, (m.End & bit) != 0, (m.Shrink & bit) != 0);
                gather.Add(shrink[full] ? ShrinkIndex : full);
                full++;
            }
        }

        var sizes = new int[rank];
        for (int k = 0; k < rank; k++)
        {
            sizes[k] = ResolveAxis(k, dims[k], ref b[k], e[k], s[k], bm[k], em[k], shrink[k]);
        }

        var final = gather.Where(i => i != ShrinkIndex).Select(i => i == NewAxisIndex ? 1 : sizes[i]).ToArray();
        return new StridedSliceSpec(b, s, sizes, final);
    }

    // One dense axis: sets begin to the first index read and returns the number of elements (-1 when d is unknown).
    private static int ResolveAxis(int k, int d, ref int begin, int end, int stride, bool beginMasked, bool endMasked, bool shrink)
    {
        if (stride == 0)
        {
            throw new InvalidArgumentException($"strides[{k}] must be non-zero");
        }

        if (d < 0)
        {
            return shrink ? 1 : -1;
        }

        if (shrink)
        {
            if (stride < 0)
            {
                throw new InvalidArgumentException("only stride 1 allowed on non-range indexing");
            }

            long forward = begin < 0 ? (long)d + begin : begin;
            if (forward < 0 || forward >= d)
            {
                throw new InvalidArgumentException($"slice index {begin} of dimension {k} out of bounds");
            }

            begin = (int)forward;
            return 1;
        }

        // Valid positions are [0, d] going forward and [-1, d - 1] going backward; a masked end takes the far one.
        long lo = stride > 0 ? 0 : -1, hi = stride > 0 ? d : d - 1;
        long Canonical(long x, bool masked, bool isEnd) => masked
            ? (stride > 0) == isEnd ? hi : lo
            : Math.Clamp(x < 0 ? d + x : x, lo, hi);
        long b = Canonical(begin, beginMasked, false), e = Canonical(end, endMasked, true);
        begin = (int)b;
        long length = e - b;
        return length == 0 || (length < 0) != (stride < 0) ? 0 : (int)((length / stride) + (length % stride != 0 ? 1 : 0));
    }

    /// <summary>The StridedSlice that numpy-style indices describe (the <see cref="Tensor"/> indexer).</summary>
    public static Tensor Index(Tensor x, TensorIndex[] indices)
    {
        var (begin, end, strides) = (new int[indices.Length], new int[indices.Length], new int[indices.Length]);
        int beginMask = 0, endMask = 0, ellipsisMask = 0, newAxisMask = 0, shrinkMask = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            var t = indices[i];
            int bit = 1 << i;
            (begin[i], end[i], strides[i]) = (t.Begin ?? 0, t.End ?? 0, t.Step);
            beginMask |= t.Begin is null ? bit : 0;
            endMask |= t.End is null ? bit : 0;
            ellipsisMask |= t.IsEllipsis ? bit : 0;
            newAxisMask |= t.IsNewAxis ? bit : 0;
            shrinkMask |= t.IsIndex ? bit : 0;
        }

        var g = x.Graph;
        return StridedSlice(x, IntVector(begin, g), IntVector(end, g), IntVector(strides, g),
            new SliceMasks(beginMask, endMask, ellipsisMask, newAxisMask, shrinkMask), "strided_slice");
    }
}
