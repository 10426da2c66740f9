using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticGraph.Kernels;

/// <summary>
/// A fused elementwise program whose every node has a register form (<see cref="Fusible.Vector"/>), run over the
/// output in chunks of a few <see cref="Vector512{T}"/>: each node of a chunk reads its operands from the inputs or
/// from earlier nodes' chunk results, which stay in L1, so all the inputs and the output stream through memory
/// together, as one hand-written loop would (blocks of thousands of elements per node stream each input alone,
/// which leaves memory bandwidth unused). The ops are exact IEEE operations, so results match the span functions
/// bit for bit.
/// </summary>
internal static class FusedRegisters
{
    private const int Unroll = 4;

    /// <summary>Output elements per chunk for element type <typeparamref name="T"/>.</summary>
    public static int Chunk<T>() => Unroll * Vector512<T>.Count;

    /// <summary>True when <paramref name="nodes"/> can run here: every op has a register form and the hardware runs
    /// 512-bit vectors.</summary>
    public static bool Supports(FusedNode[] nodes) =>
        Vector512.IsHardwareAccelerated && nodes.All(n => n.Fn.Vector != VectorOp.None);

    /// <summary>Output elements [start, end) of the program, end - start a multiple of <see cref="Chunk{T}"/>.
    /// <paramref name="inputs"/>[k] is external input k's array; bit k of <paramref name="scalars"/> says it is read
    /// as its first element at every position (at most 64 inputs).</summary>
    public static void Run<T>(FusedNode[] nodes, T[][] inputs, ulong scalars, Span<T> y, int start, int end)
        where T : unmanaged
    {
        int chunk = Chunk<T>(), last = nodes.Length - 1;

        // Scratch: one chunk per node result, then one per external input up to the last scalar one, holding the
        // scalar's splat.
        int splats = 64 - System.Numerics.BitOperations.LeadingZeroCount(scalars);
        var scratch = ArrayPool<T>.Shared.Rent((nodes.Length + splats) * chunk);
        try
        {
            for (int k = 0; k < splats; k++)
            {
                if (((scalars >> k) & 1) != 0)
                {
                    scratch.AsSpan((nodes.Length + k) * chunk, chunk).Fill(inputs[k][0]);
                }
            }

            ref T s = ref scratch[0];
            ref T output = ref y[0];
            for (int off = start; off < end; off += chunk)
            {
                for (int j = 0; j <= last; j++)
                {
                    var node = nodes[j];
                    ref T a = ref Operand(ref s, inputs, scalars, nodes.Length, chunk, node.A, off);
                    ref T b = ref node.Fn.Arity == 2 ? ref Operand(ref s, inputs, scalars, nodes.Length, chunk, node.B, off) : ref a;
                    ref T d = ref j == last ? ref Unsafe.Add(ref output, off) : ref Unsafe.Add(ref s, j * chunk);
                    switch (node.Fn.Vector)
                    {
                        case VectorOp.Add: Apply<T, AddOp<T>>(ref a, ref b, ref d); break;
                        case VectorOp.Sub: Apply<T, SubOp<T>>(ref a, ref b, ref d); break;
                        case VectorOp.Mul: Apply<T, MulOp<T>>(ref a, ref b, ref d); break;
                        case VectorOp.Div: Apply<T, DivOp<T>>(ref a, ref b, ref d); break;
                        case VectorOp.Max: Apply<T, MaxOp<T>>(ref a, ref b, ref d); break;
                        case VectorOp.Min: Apply<T, MinOp<T>>(ref a, ref b, ref d); break;
                        case VectorOp.Neg: Apply<T, NegOp<T>>(ref a, ref b, ref d); break;
                        case VectorOp.Square: Apply<T, SquareOp<T>>(ref a, ref b, ref d); break;
                        case VectorOp.Relu: Apply<T, ReluOp<T>>(ref a, ref b, ref d); break;
                        default: throw new InvalidOperationException($"{node.Fn.Vector} has no register form.");
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    // An operand at output position off: an earlier node's chunk, a broadcast input's splat, or an input's elements.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T Operand<T>(ref T scratch, T[][] inputs, ulong scalars, int nodes, int chunk, int operand, int off) =>
        ref operand < 0
            ? ref Unsafe.Add(ref scratch, ~operand * chunk)
            : ref ((scalars >> operand) & 1) != 0
                ? ref Unsafe.Add(ref scratch, (nodes + operand) * chunk)
                : ref inputs[operand][off];

    // d[0, chunk) = op(a, b) one vector at a time; each vector is loaded before its result is stored, so d may be a
    // (or b) exactly (a fused step writing over a dying input).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Apply<T, TOp>(ref T a, ref T b, ref T d)
        where T : unmanaged
        where TOp : struct, IVectorOp<T>
    {
        nuint w = (nuint)Vector512<T>.Count;
        Vector512.StoreUnsafe(TOp.Apply(Vector512.LoadUnsafe(ref a), Vector512.LoadUnsafe(ref b)), ref d);
        Vector512.StoreUnsafe(TOp.Apply(Vector512.LoadUnsafe(ref a, w), Vector512.LoadUnsafe(ref b, w)), ref d, w);
        Vector512.StoreUnsafe(TOp.Apply(Vector512.LoadUnsafe(ref a, 2 * w), Vector512.LoadUnsafe(ref b, 2 * w)), ref d, 2 * w);
        Vector512.StoreUnsafe(TOp.Apply(Vector512.LoadUnsafe(ref a, 3 * w), Vector512.LoadUnsafe(ref b, 3 * w)), ref d, 3 * w);
    }

    /// <summary>One register operation (a unary op ignores <c>y</c>).</summary>
    private interface IVectorOp<T>
    {
        static abstract Vector512<T> Apply(Vector512<T> x, Vector512<T> y);
    }

    private readonly struct AddOp<T> : IVectorOp<T>
    {
        public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => x + y;
    }

    private readonly struct SubOp<T> : IVectorOp<T>
    {
        public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => x - y;
    }

    private readonly struct MulOp<T> : IVectorOp<T>
    {
        public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => x * y;
    }

    private readonly struct DivOp<T> : IVectorOp<T>
    {
        public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => x / y;
    }

    private readonly struct MaxOp<T> : IVectorOp<T>
    {
        public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => Vector512.Max(x, y);
    }

    private readonly struct MinOp<T> : IVectorOp<T>
    {
        public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => Vector512.Min(x, y);
    }

    private readonly struct NegOp<T> : IVectorOp<T>
    {
        public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => -x;
    }

    private readonly struct SquareOp<T> : IVectorOp<T>
    {
        public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => x * x;
    }

    private readonly struct ReluOp<T> : IVectorOp<T>
    {
        public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => Vector512.Max(x, Vector512<T>.Zero);
    }
}
