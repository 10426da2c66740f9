using System.Numerics;
using System.Numerics.Tensors;

namespace StaticGraph.Kernels;

/// <summary>Elementwise dtype conversion with C semantics: float to integer truncates toward zero, any nonzero
/// number is true, true is 1.</summary>
internal static class CastKernel
{
    public static void Convert(NDArray src, NDArray dst)
    {
        if (src.DType == DType.String || dst.DType == DType.String)
        {
            throw new InvalidArgumentException($"Cast from {src.DType} to {dst.DType} is not supported.");
        }

        switch (src.RawData)
        {
            case float[]:
                From<float>(src, dst);
                break;
            case double[]:
                From<double>(src, dst);
                break;
            case int[]:
                From<int>(src, dst);
                break;
            case long[]:
                From<long>(src, dst);
                break;
            case byte[]:
                From<byte>(src, dst);
                break;
            case bool[]:
                FromBool(src.AsSpan<bool>(), dst);
                break;
            default:
                throw new InvalidArgumentException($"Cast from {src.DType} is not supported.");
        }
    }

    private static void From<TFrom>(NDArray src, NDArray dst) where TFrom : unmanaged, INumber<TFrom>
    {
        var x = (ReadOnlySpan<TFrom>)src.AsSpan<TFrom>();
        switch (dst.RawData)
        {
            case float[]:
                TensorPrimitives.ConvertTruncating(x, dst.AsSpan<float>());
                break;
            case double[]:
                TensorPrimitives.ConvertTruncating(x, dst.AsSpan<double>());
                break;
            case int[]:
                TensorPrimitives.ConvertTruncating(x, dst.AsSpan<int>());
                break;
            case long[]:
                TensorPrimitives.ConvertTruncating(x, dst.AsSpan<long>());
                break;
            case byte[]:
                TensorPrimitives.ConvertTruncating(x, dst.AsSpan<byte>());
                break;
            case bool[]:
                var d = dst.AsSpan<bool>();
                for (int i = 0; i < x.Length; i++)
                {
                    d[i] = x[i] != TFrom.Zero;
                }

                break;
        }
    }

    private static void FromBool(ReadOnlySpan<bool> x, NDArray dst)
    {
        switch (dst.RawData)
        {
            case bool[]:
                x.CopyTo(dst.AsSpan<bool>());
                break;
            case float[]:
                Fill(x, dst.AsSpan<float>());
                break;
            case double[]:
                Fill(x, dst.AsSpan<double>());
                break;
            case int[]:
                Fill(x, dst.AsSpan<int>());
                break;
            case long[]:
                Fill(x, dst.AsSpan<long>());
                break;
            case byte[]:
                Fill(x, dst.AsSpan<byte>());
                break;
        }
    }

    private static void Fill<T>(ReadOnlySpan<bool> x, Span<T> d) where T : INumber<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            d[i] = x[i] ? T.One : T.Zero;
        }
    }
}
