using System.Globalization;
using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// SegmentSum (sorted segment ids), UnsortedSegmentSum (any order, explicit segment count) and Unique.
internal static partial class IndexOps
{
    /// <summary>y[s, ...] = Σ_{i : ids[i] = s} data[i, ...]; ids are sorted, y has max(ids) + 1 rows.</summary>
    public static readonly OpDef SegmentSumOp = new("SegmentSum",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, NumericTypes);
            ctx.ExpectDType(1, IndexTypes);
            ctx.ExpectRank(1, 1);
            var (d, ids) = (ctx.Shape(0), ctx.Shape(1));
            if (d.HasRank && d.Rank < 1)
            {
                throw ctx.Error($"data must be at least 1-D, got shape {d}");
            }

            if (d.HasRank && ids.HasRank && d[0] >= 0 && ids[0] >= 0 && d[0] != ids[0])
            {
                throw ctx.Error($"segment_ids should be the same size as dimension 0 of data, got {ids[0]} and {d[0]}");
            }

            int rows = ctx.Constant(1) is NDArray c ? (c.Size == 0 ? 0 : ConstantFolding.ToInts(c).Max() + 1) : -1;
            return InferContext.One(ctx.DType(0), d.HasRank ? Concat([rows], Dims(d, 1, d.Rank)) : Shape.Unknown);
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new SegmentSumKernel(sorted: true)))
    {
        Inputs = ["data: T", "segment_ids: Tindices"], Outputs = ["output: T"],
        Grad = g => [GatherV2(g.Dy, g.X(1), 0, null), null], // ddata[i] = dy[ids[i]]
    };

    public static Tensor SegmentSum(Tensor data, Tensor segmentIds, string? name) =>
        Out("SegmentSum", name, [data, segmentIds], ("T", data.DType), ("Tindices", segmentIds.DType));

    /// <summary>y[s, ...] = Σ_{i... : ids[i...] = s} data[i..., ...] for s in [0, num_segments); ids' shape is a
    /// prefix of data's.</summary>
    public static readonly OpDef UnsortedSegmentSumOp = new("UnsortedSegmentSum",
        ctx =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(0, NumericTypes);
            ctx.ExpectDType(1, IndexTypes);
            ctx.ExpectDType(2, IndexTypes);
            ctx.ExpectRank(2, 0);
            var (d, ids) = (ctx.Shape(0), ctx.Shape(1));
            if (d.HasRank && ids.HasRank && (ids.Rank > d.Rank || !Shape.Own(Dims(d, 0, ids.Rank)).IsCompatibleWith(ids)))
            {
                throw ctx.Error($"segment_ids.shape {ids} must be a prefix of data.shape {d}");
            }

            int? n = ConstInt(ctx, 2);
            if (n < 0)
            {
                throw ctx.Error($"num_segments must be non-negative, got {n}");
            }

            return InferContext.One(ctx.DType(0), d.HasRank && ids.HasRank ? Concat([n ?? -1], Dims(d, ids.Rank, d.Rank)) : Shape.Unknown);
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new SegmentSumKernel(sorted: false)))
    {
        Inputs = ["data: T", "segment_ids: Tindices", "num_segments: Tnumsegments"], Outputs = ["output: T"],
        Grad = g => [GatherV2(g.Dy, g.X(1), 0, null), null, null], // ddata[i...] = dy[ids[i...]]
    };

    public static Tensor UnsortedSegmentSum(Tensor data, Tensor segmentIds, Tensor numSegments, string? name) =>
        Out("UnsortedSegmentSum", name, [data, segmentIds, numSegments],
            ("T", data.DType), ("Tindices", segmentIds.DType), ("Tnumsegments", numSegments.DType));

    private sealed class SegmentSumKernel(bool sorted) : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var data = ctx.Input(0);
            var ids = new IndexView(ctx.Input(1));
            int k = ids.Shape.Rank;
            if (k > data.Rank || !data.Shape.Dims[..k].SequenceEqual(ids.Shape.Dims) || (sorted && k != 1))
            {
                throw new InvalidArgumentException($"{ctx.Op.Type} node '{ctx.Op.Name}': segment_ids shape {ids.Shape} must be a prefix of data shape {data.Shape}");
            }

            long rows;
            if (sorted)
            {
                rows = ids.Length == 0 ? 0 : ids[ids.Length - 1] + 1;
                for (int i = 0; i < ids.Length; i++)
                {
                    if (ids[i] < 0 || (i > 0 && ids[i] < ids[i - 1]))
                    {
                        throw new InvalidArgumentException(ids[i] < 0
                            ? string.Create(CultureInfo.InvariantCulture, $"segment_ids[{i}] = {ids[i]} is negative")
                            : string.Create(CultureInfo.InvariantCulture,
                                $"segment_ids are not sorted: segment_ids[{i}] = {ids[i]} is less than segment_ids[{i - 1}] = {ids[i - 1]}"));
                    }
                }
            }
            else
            {
                rows = ConstantFolding.FirstInt(ctx.Input(2));
                if (rows < 0)
                {
                    throw new InvalidArgumentException($"UnsortedSegmentSum node '{ctx.Op.Name}': num_segments must be non-negative, got {rows}");
                }

                Indexing.CheckRange(ids, rows, "segment_ids");
            }

            int inner = Indexing.Product(data.Shape, k, data.Rank);
            Span<int> dims = stackalloc int[data.Rank - k + 1];
            dims[0] = checked((int)rows);
            data.Shape.Dims[k..].CopyTo(dims[1..]);
            var y = ctx.OutputDims(0, dims).AsSpan<T>();
            y.Clear();
            using var targets = new IndexBuffer(ids.Length, stackalloc int[IndexBuffer.StackSize]);
            for (int i = 0; i < ids.Length; i++)
            {
                targets.Span[i] = (int)ids[i];
            }

            Indexing.AddSlices(data.AsSpan<T>(), targets.Span, inner, y);
        };
    }

    /// <summary>y = the distinct elements of x in order of first occurrence; idx[i] = the position of x[i] in y.</summary>
    public static readonly OpDef UniqueOp = new("Unique",
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, NumericTypes);
            ctx.ExpectRank(0, 1);
            var outIdx = ctx.Attr("out_idx", DType.Int32);
            if (outIdx != DType.Int32 && outIdx != DType.Int64)
            {
                throw ctx.Error($"out_idx must be int32 or int64, got {outIdx}");
            }

            return [new TensorSpec(ctx.DType(0), [-1]), new TensorSpec(outIdx, ctx.Shape(0).HasRank ? ctx.Shape(0) : [-1])];
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new UniqueKernel(b.OutputDType(1) == DType.Int64)))
    {
        Inputs = ["x: T"], Outputs = ["y: T", "idx: out_idx"],
        AttrDefaults = new Dictionary<string, object> { ["out_idx"] = DType.Int32 },
        NoGradient = "TF1 declares Unique not differentiable (idx is an integer output)",
    };

    public static (Tensor Y, Tensor Idx) Unique(Tensor x, DType outIdx, string? name)
    {
        var op = Op("Unique", name, [x], ("T", x.DType), ("out_idx", outIdx));
        return (op.Outputs[0], op.Outputs[1]);
    }

    private sealed class UniqueKernel(bool int64) : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var x = ctx.Input(0);
            if (x.Rank != 1)
            {
                throw new InvalidArgumentException($"Unique node '{ctx.Op.Name}': x must be a vector, got shape {x.Shape}");
            }

            var xs = x.AsSpan<T>();
            var firstSeen = new Dictionary<T, int>();
            var order = new List<T>();
            var positions = new int[xs.Length];
            for (int i = 0; i < xs.Length; i++)
            {
                if (!firstSeen.TryGetValue(xs[i], out int p))
                {
                    firstSeen[xs[i]] = p = order.Count;
                    order.Add(xs[i]);
                }

                positions[i] = p;
            }

            order.CopyTo(ctx.OutputDims(0, [order.Count]).AsSpan<T>());
            var idx = ctx.Output(1, x.Shape);
            if (int64)
            {
                var dst = idx.AsSpan<long>();
                for (int i = 0; i < positions.Length; i++)
                {
                    dst[i] = positions[i];
                }
            }
            else
            {
                positions.CopyTo(idx.AsSpan<int>());
            }
        };
    }
}
