using System.Runtime.InteropServices;
using Google.Protobuf;
using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// <see cref="NDArray"/> ⇄ <c>TensorProto</c>, <see cref="DType"/> ⇄ <c>DataType</c>, <see cref="Shape"/> ⇄
/// <c>TensorShapeProto</c>, with TensorFlow's rules: numbers as little-endian <c>tensor_content</c> or typed
/// <c>*_val</c> lists (a shorter list repeats its last element to fill the shape, an empty one means zeros),
/// strings in <c>string_val</c>; a declared shape that disagrees with the data is an error.
/// </summary>
internal static class TensorProtoConverter
{
    /// <summary>Tensors filled by repeating a <c>*_val</c> element (or with zeros) are capped here, so a corrupt
    /// shape in a tiny file cannot demand gigabytes.</summary>
    internal const long MaxFilledElements = 1L << 26;

    public static DataType ToDataType(DType dtype) => (DataType)dtype.Code;

    /// <summary>The dtype of <paramref name="type"/>; ref types (<c>DT_FLOAT_REF</c>) map to their base type.</summary>
    public static DType ToDType(DataType type) => DType.FromCode((int)type);

    public static TensorShapeProto ToProto(Shape shape)
    {
        var proto = new TensorShapeProto();
        if (!shape.HasRank)
        {
            proto.UnknownRank = true;
            return proto;
        }

        foreach (int d in shape)
        {
            proto.Dim.Add(new TensorShapeProto.Types.Dim { Size = d });
        }

        return proto;
    }

    public static Shape ToShape(TensorShapeProto proto)
    {
        if (proto.UnknownRank)
        {
            return Shape.Unknown;
        }

        var dims = new int[proto.Dim.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            long size = proto.Dim[i].Size;
            if (size is < -1 or > int.MaxValue)
            {
                throw new InvalidArgumentException($"Shape dimension {i} is {size}: expected a size in [0, {int.MaxValue}] or -1 (unknown).");
            }

            dims[i] = (int)size;
        }

        return Shape.Own(dims);
    }

    public static TensorProto ToProto(NDArray value)
    {
        var proto = new TensorProto { Dtype = ToDataType(value.DType), TensorShape = ToProto(value.Shape) };
        if (value.DType == DType.String)
        {
            foreach (byte[] s in value.AsSpan<byte[]>())
            {
                proto.StringVal.Add(ByteString.CopyFrom(s));
            }
        }
        else if (value.Size > 1)
        {
            // What TF's make_tensor_proto writes for arrays: the raw little-endian bytes.
            proto.TensorContent = ByteString.CopyFrom(RawBytes(value));
        }
        else if (value.Size == 1)
        {
            AddValue(proto, value);
        }

        return proto;
    }

    private static byte[] RawBytes(NDArray value)
    {
        var bytes = new byte[value.Size * value.DType.Size];
        Buffer.BlockCopy(value.RawData, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("TensorFlow's tensor_content is little-endian; big-endian hosts are not supported.");
        }

        return bytes;
    }

    private static void AddValue(TensorProto proto, NDArray value)
    {
        switch (value.DType.Code)
        {
            case 1: proto.FloatVal.Add(value.Item<float>()); break;
            case 2: proto.DoubleVal.Add(value.Item<double>()); break;
            case 3: proto.IntVal.Add(value.Item<int>()); break;
            case 4: proto.IntVal.Add(value.Item<byte>()); break;
            case 9: proto.Int64Val.Add(value.Item<long>()); break;
            case 10: proto.BoolVal.Add(value.Item<bool>()); break;
            default: throw new InvalidArgumentException($"Cannot write a {value.DType} tensor.");
        }
    }

    /// <summary>The value a <c>TensorProto</c> holds; an <see cref="InvalidArgumentException"/> for an unsupported
    /// dtype, a partial shape, or data that does not fit the shape.</summary>
    public static NDArray ToNDArray(TensorProto proto)
    {
        var dtype = ToDType(proto.Dtype);
        var shape = proto.TensorShape is null ? Shape.Scalar : ToShape(proto.TensorShape);
        if (!shape.IsFullyDefined)
        {
            throw new InvalidArgumentException($"A {dtype} TensorProto needs a fully defined shape, got {shape}.");
        }

        long n = 1;
        foreach (int d in shape)
        {
            n = d == 0 ? 0 : n > int.MaxValue / d ? long.MaxValue : n * d;
        }

        if (n > int.MaxValue)
        {
            throw new InvalidArgumentException($"A TensorProto of shape {shape} has more than {int.MaxValue} elements.");
        }

        int size = (int)n;
        if (!proto.TensorContent.IsEmpty)
        {
            return FromContent(proto.TensorContent.Span, dtype, shape, size);
        }

        return dtype.Code switch
        {
            1 => Fill(proto.FloatVal, dtype, shape, size, "float_val"),
            2 => Fill(proto.DoubleVal, dtype, shape, size, "double_val"),
            3 => Fill(proto.IntVal, dtype, shape, size, "int_val"),
            4 => Fill(proto.IntVal.Select(v => unchecked((byte)v)).ToArray(), dtype, shape, size, "int_val"),
            9 => Fill(proto.Int64Val, dtype, shape, size, "int64_val"),
            10 => Fill(proto.BoolVal, dtype, shape, size, "bool_val"),
            7 => Fill(proto.StringVal.Select(s => s.ToByteArray()).ToArray(), dtype, shape, size, "string_val"),
            _ => throw new InvalidArgumentException($"Cannot read a {dtype} TensorProto."),
        };
    }

    private static NDArray FromContent(ReadOnlySpan<byte> content, DType dtype, Shape shape, int size)
    {
        if (dtype == DType.String)
        {
            throw new InvalidArgumentException("A DT_STRING TensorProto keeps its elements in string_val, not tensor_content.");
        }

        long expected = (long)size * dtype.Size;
        if (content.Length != expected)
        {
            throw new InvalidArgumentException(
                $"A {dtype} TensorProto of shape {shape} needs {expected} bytes of tensor_content ({size} elements × {dtype.Size}), found {content.Length}.");
        }

        var data = NDArray.AllocateArray(dtype, size);
        if (dtype == DType.Bool)
        {
            var flags = (bool[])data;
            for (int i = 0; i < size; i++)
            {
                flags[i] = content[i] != 0;
            }
        }
        else
        {
            content.CopyTo(AsBytes(data));
        }

        return NDArray.Wrap(dtype, shape, data);
    }

    private static Span<byte> AsBytes(Array data) => data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        byte[] a => a.AsSpan(),
        _ => throw new InvalidArgumentException($"Cannot decode tensor_content into {data.GetType().Name}."),
    };

    private static NDArray Fill<T>(IReadOnlyList<T> values, DType dtype, Shape shape, int size, string field)
    {
        if (values.Count > size)
        {
            throw new InvalidArgumentException($"A {dtype} TensorProto of shape {shape} holds {size} elements, but {field} has {values.Count}.");
        }

        if (values.Count < size && size > MaxFilledElements)
        {
            throw new InvalidArgumentException(
                $"A {dtype} TensorProto of shape {shape} fills {size} elements from {values.Count} {field} entries; more than {MaxFilledElements} is refused.");
        }

        var data = (T[])NDArray.AllocateArray(dtype, size);
        for (int i = 0; i < values.Count; i++)
        {
            data[i] = values[i];
        }

        if (values.Count > 0)
        {
            Array.Fill(data, values[^1], values.Count, size - values.Count);
        }

        return NDArray.Wrap(dtype, shape, data);
    }
}
