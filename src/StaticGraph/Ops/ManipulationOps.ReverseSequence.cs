using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// ReverseSequence: per-row reversal of a prefix along the sequence axis (bidirectional RNNs over padded batches).
internal static partial class ManipulationOps
{
    /// <summary>y[b, s, ...] = x[b, len[b] - 1 - s, ...] for s &lt; len[b], else x[b, s, ...], with b along
    /// <c>batch_dim</c> and s along <c>seq_dim</c>.</summary>
    public static readonly OpDef ReverseSequenceOp = new("ReverseSequence",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(1, IndexTypes);
            ctx.ExpectRank(1, 1);
            var shape = ctx.Shape(0);
            if (shape.HasRank)
            {
                var (seq, batch) = ((int)ctx.Attr<long>("seq_dim"), (int)ctx.Attr<long>("batch_dim", 0));
                if (seq < 0 || seq >= shape.Rank || batch < 0 || batch >= shape.Rank || seq == batch)
                {
                    throw ctx.Error($"seq_dim {seq} and batch_dim {batch} must be distinct axes of the rank-{shape.Rank} input.");
                }

                if (ctx.Shape(1).HasRank && ctx.Shape(1)[0] >= 0 && shape[batch] >= 0 && ctx.Shape(1)[0] != shape[batch])
                {
                    throw ctx.Error($"seq_lengths has {ctx.Shape(1)[0]} entries but the input has {shape[batch]} rows along batch_dim {batch}.");
                }
            }

            return One(ctx.DType(0), shape);
        },
        b =>
        {
            var (seq, batch) = ((int)b.Attr<long>("seq_dim"), (int)b.Attr<long>("batch_dim", 0));
            return ctx => ReverseSequenceKernel(ctx, seq, batch);
        })
    {
        Inputs = ["input: T", "seq_lengths: Tlen"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["batch_dim"] = 0L, ["Tlen"] = DType.Int64 },
        Grad = g => [ReverseSequence(g.Dy, g.X(1), (int)g.Attr<long>("seq_dim"), (int)g.Attr<long>("batch_dim"), null), null], // dx = reverse_sequence(dy)
    };

    public static Tensor ReverseSequence(Tensor input, Tensor seqLengths, int seqDim, int batchDim, string? name) =>
        Out("ReverseSequence", name, [input, seqLengths], ("T", input.DType), ("Tlen", seqLengths.DType),
            ("seq_dim", (long)seqDim), ("batch_dim", (long)batchDim));

    private static void ReverseSequenceKernel(KernelContext ctx, int seq, int batch)
    {
        var x = ctx.Input(0);
        var lengths = Ints(ctx.Input(1));
        var dims = x.Shape.ToArray();
        if (lengths.Length != dims[batch])
        {
            throw new InvalidArgumentException($"seq_lengths has {lengths.Length} entries but the input has {dims[batch]} rows along batch_dim {batch}.");
        }

        var strides = Strided.RowMajor(dims);
        var y = ctx.Output(0, x.Shape);
        for (int b = 0; b < lengths.Length; b++)
        {
            int len = lengths[b];
            if (len < 0 || len > dims[seq])
            {
                throw new InvalidArgumentException($"seq_lengths[{b}] = {len} is outside [0, {dims[seq]}] (the input's seq_dim {seq} size).");
            }

            int row = b * strides[batch];
            var part = (int[])dims.Clone();
            part[batch] = 1;
            part[seq] = len;
            var reversed = (int[])strides.Clone();
            reversed[seq] = -strides[seq];
            Strided.Copy(x.RawData, row + ((len - 1) * strides[seq]), reversed, y.RawData, row, strides, part);
            part[seq] = dims[seq] - len;
            int tail = row + (len * strides[seq]);
            Strided.Copy(x.RawData, tail, strides, y.RawData, tail, strides, part);
        }
    }
}
