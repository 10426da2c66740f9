using System.Numerics;
using System.Runtime.Intrinsics;

namespace StaticGraph.Kernels;

/// <summary>
/// op(B) [k, n] packed once into the panels the GEMM's tiles read, for a B that many products share (a recurrent
/// weight read by every iteration of a loop): <see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, PackedB{T}, Span{T}, int, bool, int, bool)"/>
/// then packs only A. Layout: for each KC-row block of op(B), the panels of all n columns (NR columns each, the last
/// zero-padded), so any NR-aligned run of columns of one block is contiguous.
/// </summary>
internal sealed class PackedB<T> where T : unmanaged, INumber<T>
{
    private T[] _buffer = [];

    /// <summary>Rows of op(B).</summary>
    public int K { get; private set; }

    /// <summary>Columns of op(B).</summary>
    public int N { get; private set; }

    /// <summary>Whether the source was stored transposed ([n, k]).</summary>
    public bool Transposed { get; private set; }

    /// <summary>Vector width in bits the panels were cut for.</summary>
    public int Width { get; private set; }

    /// <summary>Columns per panel (two vectors of the width).</summary>
    internal int Nr { get; private set; }

    /// <summary>Values per row of a block: n rounded up to whole panels.</summary>
    internal int Ld { get; private set; }

    /// <summary>What the caller packed (an array), with a caller-chosen stamp: a cache's key, not read here.</summary>
    public object? Source { get; set; }

    /// <summary>The stamp that goes with <see cref="Source"/>.</summary>
    public long Stamp { get; set; }

    /// <summary>True when this holds op(B) for the given layout and the hardware width in use.</summary>
    public bool Fits(int k, int n, bool transposed, int width) => K == k && N == n && Transposed == transposed && Width == width;

    /// <summary>Packs <paramref name="b"/> ([k, n], or [n, k] when <paramref name="transposed"/>) for vectors of
    /// <paramref name="width"/> bits, reusing this object's buffer when it is large enough.</summary>
    internal unsafe void Pack(ReadOnlySpan<T> b, int k, int n, bool transposed, int width)
    {
        if ((long)k * n > b.Length)
        {
            throw new ArgumentException($"GEMM operand too short for [{k},{n}]: length {b.Length}");
        }

        int lanes = width / 8 / sizeof(T);
        (K, N, Transposed, Width, Nr) = (k, n, transposed, width, 2 * lanes);
        Ld = (n + Nr - 1) / Nr * Nr;
        int pad = Gemm.Alignment / sizeof(T);
        long length = ((long)k * Ld) + pad;
        if (_buffer.Length < length)
        {
            _buffer = GC.AllocateUninitializedArray<T>(checked((int)length), pinned: true);
        }

        fixed (T* src = b)
        {
            T* dst = Start;
            for (int pc = 0; pc < k; pc += Gemm.KC)
            {
                int kc = Math.Min(Gemm.KC, k - pc);
                // Element (p, j) of op(B) is at p·rs + j·cs; panels are lines of j read along p.
                T* first = transposed ? src + pc : src + ((long)pc * n);
                (int lineStride, int pStride) = transposed ? (k, 1) : (1, n);
                Gemm.Pack(first, lineStride, pStride, n, kc, Nr, dst + ((long)pc * Ld));
            }
        }
    }

    /// <summary>The first panel, on a cache line (the buffer is pinned, so the address holds).</summary>
    internal unsafe T* Start
    {
        get
        {
            T* p = (T*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_buffer));
            return (T*)(((nint)p + (Gemm.Alignment - 1)) & ~(nint)(Gemm.Alignment - 1));
        }
    }
}

internal static unsafe partial class Gemm
{
    /// <summary>C[m,n] = op(A)·B (or += when <paramref name="accumulate"/>) with B packed beforehand: as
    /// <see cref="Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool, bool, int, bool)"/>, without
    /// packing B (and always in the C = A·B orientation).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, PackedB<T> b, Span<T> c, int m, bool transposeA, int threads, bool accumulate = false)
        where T : unmanaged, INumber<T>
    {
        int n = b.N, k = b.K;
        if ((long)m * k > a.Length || (long)m * n > c.Length)
        {
            throw new ArgumentException($"GEMM operands too short for [{m},{k}]·[{k},{n}]: lengths {a.Length}, {c.Length}");
        }

        if (m == 0 || n == 0 || k == 0)
        {
            // Nothing packed to read: the general path handles the empty products (k = 0 clears C).
            Multiply(a, ReadOnlySpan<T>.Empty, c, m, n, 0, transposeA, false, threads, accumulate, b.Width);
            return;
        }

        fixed (T* pa = a, pc = c)
        {
            var va = transposeA ? new View<T>(pa, 1, m) : new View<T>(pa, k, 1);
            var vc = new View<T>(pc, n, 1);
            SplitAt(b.Width, va, default(View<T>), vc, m, n, k, accumulate, threads, new Prepacked<T>(b.Start, b.Ld, 0));
        }
    }

    /// <summary>True when an m-row product with a pre-packed n-column B loses nothing to the fixed orientation: the
    /// general path would not take the transposed one (see <c>Oriented</c>).</summary>
    public static bool KeepsOrientation<T>(int m, int n) where T : unmanaged, INumber<T> => BestWidth switch
    {
        512 => !Transposes<T, Vector512<T>, Simd512<T>>(m, n),
        256 => !Transposes<T, Vector256<T>, Simd256<T>>(m, n),
        _ => !Transposes<T, Vector128<T>, Simd128<T>>(m, n),
    };

    /// <summary>Where a worker's block of C finds B's panels when B was packed beforehand; a null pointer means "pack
    /// B as you go".</summary>
    private readonly struct Prepacked<T>(T* p, int ld, int firstPanel)
        where T : unmanaged
    {
        public T* P { get; } = p;

        /// <summary>The panels of the kc-row block starting at row <paramref name="pc"/>, from panel
        /// <paramref name="panel"/> of this view on.</summary>
        public T* Panels(int pc, int panel, int kc, int nr) => P + ((long)pc * ld) + ((long)(firstPanel + panel) * nr * kc);

        /// <summary>The same panels for a block of C that starts <paramref name="panels"/> panels to the right.</summary>
        public Prepacked<T> From(int panels) => P == null ? this : new(P, ld, firstPanel + panels);
    }
}
