using System.Buffers;
using StaticGraph.Execution;

namespace StaticGraph.Kernels;

/// <summary>One node of a fused elementwise program: an op and its operands, each an external input index (>= 0) or
/// <c>~j</c> for the result of node j (earlier in the program).</summary>
internal sealed record FusedNode(Fusible Fn, int A, int B);

/// <summary>
/// A chain of elementwise ops run as one loop: the output is computed in cache-sized blocks, each node writing its
/// block into a small scratch (the last node into the output), so the external inputs are read once and the output
/// written once however long the chain. A chain of ops that all have a register form (add, sub, mul, div, max, min,
/// neg, square, relu) runs in chunks of a few vectors instead (<see cref="FusedRegisters"/>), which streams every
/// input at once. External inputs are full-size (all of one runtime shape, which is the output's) or single
/// elements broadcast to every position. A run whose shapes break that (a broadcast the static shapes could not
/// rule out) runs the unfused steps instead.
/// </summary>
internal static class FusedElementwise
{
    /// <summary>Elements per block: the scratch blocks stay in L2, and each input is read in 64 KiB runs, long enough
    /// for the hardware prefetcher to stream it (4096-element blocks measured a quarter slower on 16M elements).</summary>
    internal const int Block = 16384;

    /// <summary>Outputs at least this large are split across cores.</summary>
    private const int ParallelThreshold = 1 << 20;

    /// <summary>Binds the program for float32 or float64. <paramref name="scalar"/>[k] says external input k is a
    /// single element; <paramref name="fallback"/> computes the same output unfused (feeds: the external inputs;
    /// fetch 0: the output). Large outputs are split across at most <paramref name="threads"/> cores.</summary>
    public static Kernel Bind(DType dtype, FusedNode[] nodes, bool[] scalar, Plan fallback, int threads) => dtype == DType.Float64
        ? new Program<double>(nodes, scalar, fallback, threads).Run
        : new Program<float>(nodes, scalar, fallback, threads).Run;

    private sealed class Program<T>(FusedNode[] nodes, bool[] scalar, Plan fallback, int threads) where T : unmanaged
    {
        private readonly UnarySpan<T>?[] _unary = nodes.Select(n => n.Fn.Arity == 1 ? n.Fn.UnaryFn<T>() : null).ToArray();
        private readonly BinaryFn<T, T>?[] _binary = nodes.Select(n => n.Fn.Arity == 2 ? n.Fn.BinaryFn<T>() : null).ToArray();
        private readonly bool _registers = FusedRegisters.Supports(nodes) && scalar.Length <= 64;

        public void Run(KernelContext ctx)
        {
            var (shape, broadcast) = RunShape(ctx);
            if (shape is null)
            {
                RunUnfused(ctx);
                return;
            }

            var y = ctx.Output(0, shape);
            int n = y.Size;
            if (n < ParallelThreshold)
            {
                RunRange(ctx, y.AsSpan<T>(), 0, n, broadcast);
                return;
            }

            // One contiguous run of whole blocks per worker, at most the session's intra-op cap.
            int blocks = (n + Block - 1) / Block;
            Parallelism.Ranges(blocks, Math.Min(threads, blocks), new BlockJob(this, ctx, y, broadcast));
        }

        /// <summary>This run's output shape: that of the full-size inputs, which must all agree. An input the static
        /// shapes took for full size that holds a single element (a [1] reshaped gradient, say) is broadcast like a
        /// scalar when its rank does not exceed the output's: bit k of <c>Broadcast</c> marks input k. Null when the
        /// run's shapes fit no single loop, which then runs the steps unfused.</summary>
        private (Shape? Shape, ulong Broadcast) RunShape(KernelContext ctx)
        {
            Shape? shape = null;
            for (int k = 0; k < scalar.Length && shape is null; k++)
            {
                var x = ctx.Input(k);
                shape = scalar[k] || x.Size == 1 ? null : x.Shape;
            }

            for (int k = 0; k < scalar.Length && shape is null; k++)
            {
                shape = scalar[k] ? null : ctx.Input(k).Shape; // every input holds one element
            }

            ulong broadcast = 0;
            for (int k = 0; k < scalar.Length && shape is not null; k++)
            {
                var x = ctx.Input(k);
                if (scalar[k] ? x.Size != 1 : !shape.Equals(x.Shape) && (x.Size != 1 || x.Rank > shape.Rank || k >= 64))
                {
                    return (null, 0);
                }

                broadcast |= !scalar[k] && !shape.Equals(x.Shape) ? 1UL << k : 0;
            }

            // The loop reads a scalar operand as one value beside a full-size one: a broadcast input under a unary
            // node, or beside another scalar, has no full-size partner.
            foreach (var node in broadcast == 0 ? [] : nodes)
            {
                bool a = IsScalar(node.A, broadcast);
                if (node.Fn.Arity == 1 ? a : a && IsScalar(node.B, broadcast))
                {
                    return (null, 0);
                }
            }

            return (shape, broadcast);
        }

        private readonly struct BlockJob(Program<T> program, KernelContext ctx, NDArray y, ulong broadcast) : IRangeJob
        {
            public void Run(int worker, int start, int end) =>
                program.RunRange(ctx, y.AsSpan<T>(), start * Block, Math.Min(y.Size, end * Block), broadcast);
        }

        /// <summary>Output elements [start, end), block by block.</summary>
        internal void RunRange(KernelContext ctx, Span<T> y, int start, int end, ulong broadcast)
        {
            int chunk = FusedRegisters.Chunk<T>();
            if (_registers && end - start >= chunk)
            {
                // Whole chunks in registers; the few elements past the last chunk go through the blocks below.
                int mid = start + ((end - start) / chunk * chunk);
                RunRegisters(ctx, y, start, mid, broadcast);
                start = mid;
            }

            if (start == end)
            {
                return;
            }

            int last = nodes.Length - 1;
            var scratch = ArrayPool<T>.Shared.Rent(Math.Max(1, last) * Block);
            try
            {
                for (int off = start; off < end; off += Block)
                {
                    int len = Math.Min(Block, end - off);
                    for (int j = 0; j <= last; j++)
                    {
                        var dst = j == last ? y.Slice(off, len) : scratch.AsSpan(j * Block, len);
                        var node = nodes[j];
                        if (_unary[j] is { } f)
                        {
                            f(Operand(ctx, node.A, scratch, off, len), dst);
                        }
                        else if (IsScalar(node.A, broadcast))
                        {
                            _binary[j]!.SV(ctx.Input(node.A).AsSpan<T>()[0], Operand(ctx, node.B, scratch, off, len), dst);
                        }
                        else if (IsScalar(node.B, broadcast))
                        {
                            _binary[j]!.VS(Operand(ctx, node.A, scratch, off, len), ctx.Input(node.B).AsSpan<T>()[0], dst);
                        }
                        else
                        {
                            _binary[j]!.VV(Operand(ctx, node.A, scratch, off, len), Operand(ctx, node.B, scratch, off, len), dst);
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(scratch);
            }
        }

        private void RunRegisters(KernelContext ctx, Span<T> y, int start, int end, ulong broadcast)
        {
            var inputs = ArrayPool<T[]>.Shared.Rent(scalar.Length);
            ulong scalars = broadcast;
            try
            {
                for (int k = 0; k < scalar.Length; k++)
                {
                    inputs[k] = ctx.Input(k).Data<T>();
                    scalars |= scalar[k] ? 1UL << k : 0;
                }

                FusedRegisters.Run(nodes, inputs, scalars, y, start, end);
            }
            finally
            {
                ArrayPool<T[]>.Shared.Return(inputs, clearArray: true);
            }
        }

        private bool IsScalar(int operand, ulong broadcast) => operand >= 0 && (scalar[operand] || ((broadcast >> operand) & 1) != 0);

        private static ReadOnlySpan<T> Operand(KernelContext ctx, int operand, T[] scratch, int off, int len) => operand >= 0
            ? ctx.Input(operand).AsSpan<T>().Slice(off, len)
            : scratch.AsSpan(~operand * Block, len);

        /// <summary>The steps the program replaced, run one by one in a frame of their own.</summary>
        private void RunUnfused(KernelContext ctx)
        {
            var frame = fallback.RentFrame();
            try
            {
                for (int k = 0; k < scalar.Length; k++)
                {
                    frame.Values[k] = ctx.Input(k);
                }

                Session.Execute(fallback, frame);
                var result = frame.Values[fallback.FetchValues[0]]!;
                result.CopyTo(ctx.Output(0, result.Shape));
            }
            finally
            {
                fallback.ReturnFrame(frame);
            }
        }
    }
}
