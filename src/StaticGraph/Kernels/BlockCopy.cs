using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticGraph.Kernels;

/// <summary>
/// Copies of short runs (tens of elements) inside kernel loops, such as a packed panel's row or one pixel's channels:
/// unrolled vector moves instead of a call to the general memmove, whose setup costs as much as the copy at these
/// lengths. Source and destination must not overlap.
/// </summary>
internal static unsafe class BlockCopy
{
    /// <summary>dst[0, count) = src[0, count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<T>(T* src, T* dst, int count) where T : unmanaged
    {
        byte* s = (byte*)src, d = (byte*)dst;
        nint bytes = (nint)count * sizeof(T);
        for (; bytes >= 64; bytes -= 64, s += 64, d += 64)
        {
            Vector512.Store(Vector512.Load(s), d);
        }

        if (bytes >= 32)
        {
            Vector256.Store(Vector256.Load(s), d);
            bytes -= 32;
            s += 32;
            d += 32;
        }

        if (bytes >= 16)
        {
            Vector128.Store(Vector128.Load(s), d);
            bytes -= 16;
            s += 16;
            d += 16;
        }

        Unsafe.CopyBlockUnaligned(d, s, (uint)bytes);
    }
}
