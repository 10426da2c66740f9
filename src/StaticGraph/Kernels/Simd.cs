using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticGraph.Kernels;

/// <summary>
/// The handful of vector operations the GEMM micro-kernel needs, over one hardware vector type
/// <typeparamref name="TV"/> of <typeparamref name="T"/> lanes. Kernels are generic over an implementing struct, so
/// the JIT compiles one specialized body per width with every call inlined; the micro-kernel is written once for
/// Vector512, Vector256 and Vector128.
/// </summary>
internal unsafe interface ISimd<T, TV>
    where T : unmanaged
    where TV : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Lanes { get; }

    /// <summary>Rows of the register tile: as many as the architectural vector registers allow (two accumulators
    /// per row plus two operand registers and a broadcast must fit without spilling).</summary>
    static abstract int TileRows { get; }

    static abstract TV Zero { get; }

    static abstract TV Load(T* p);

    static abstract void Store(T* p, TV v);

    static abstract TV Splat(T x);

    /// <summary>acc + a·b, fused (one rounding) for float and double.</summary>
    static abstract TV MulAdd(TV a, TV b, TV acc);

    static abstract TV Add(TV a, TV b);
}

/// <summary>512-bit vectors: 32 registers under AVX-512, so a 12-row tile (24 accumulators) fits.</summary>
internal readonly unsafe struct Simd512<T> : ISimd<T, Vector512<T>>
    where T : unmanaged, INumber<T>
{
    public static int Lanes => Vector512<T>.Count;

    public static int TileRows => 12;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(T* p) => Vector512.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T* p, Vector512<T> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Splat(T x) => Vector512.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MulAdd(Vector512<T> a, Vector512<T> b, Vector512<T> acc)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), acc.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), acc.AsDouble()).As<double, T>();
        }

        return acc + (a * b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;
}

/// <summary>256-bit vectors: 16 registers under AVX2, so a 6-row tile (12 accumulators).</summary>
internal readonly unsafe struct Simd256<T> : ISimd<T, Vector256<T>>
    where T : unmanaged, INumber<T>
{
    public static int Lanes => Vector256<T>.Count;

    public static int TileRows => 6;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(T* p) => Vector256.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T* p, Vector256<T> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Splat(T x) => Vector256.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MulAdd(Vector256<T> a, Vector256<T> b, Vector256<T> acc)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), acc.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), acc.AsDouble()).As<double, T>();
        }

        return acc + (a * b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;
}

/// <summary>128-bit vectors (SSE, NEON, or software): a 6-row tile, which 16 registers hold.</summary>
internal readonly unsafe struct Simd128<T> : ISimd<T, Vector128<T>>
    where T : unmanaged, INumber<T>
{
    public static int Lanes => Vector128<T>.Count;

    public static int TileRows => 6;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(T* p) => Vector128.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T* p, Vector128<T> v) => v.Store(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Splat(T x) => Vector128.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MulAdd(Vector128<T> a, Vector128<T> b, Vector128<T> acc)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), acc.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), acc.AsDouble()).As<double, T>();
        }

        return acc + (a * b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;
}
