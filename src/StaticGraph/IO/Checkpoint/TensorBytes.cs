using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace StaticGraph.IO;

/// <summary>
/// A tensor's bytes in a V2 bundle's <c>.data</c> file. Numbers and bools: the raw little-endian elements. Strings:
/// every element's length as a varint64, a 4-byte masked CRC32C of the lengths (each taken as a little-endian uint32,
/// as TensorFlow does), then the concatenated bytes. The entry's checksum is the masked CRC32C of what is written.
/// </summary>
internal static class TensorBytes
{
    /// <summary>The on-disk bytes of <paramref name="value"/> and their masked CRC32C.</summary>
    public static (byte[] Bytes, uint MaskedCrc) Encode(NDArray value)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Checkpoint bundles are written little-endian only.");
        }

        byte[] bytes = value.DType == DType.String ? EncodeStrings(value.Data<byte[]>().AsSpan(0, value.Size), out uint crc) : RawBytes(value, out crc);
        return (bytes, Crc32C.Mask(crc));
    }

    private static byte[] RawBytes(NDArray value, out uint crc)
    {
        byte[] bytes = value.DType.Code switch
        {
            1 => MemoryMarshal.AsBytes(value.AsSpan<float>()).ToArray(),
            2 => MemoryMarshal.AsBytes(value.AsSpan<double>()).ToArray(),
            3 => MemoryMarshal.AsBytes(value.AsSpan<int>()).ToArray(),
            4 => value.AsSpan<byte>().ToArray(),
            9 => MemoryMarshal.AsBytes(value.AsSpan<long>()).ToArray(),
            10 => BoolBytes(value.AsSpan<bool>()),
            _ => throw new InvalidArgumentException($"Cannot save a tensor of dtype {value.DType}."),
        };
        crc = Crc32C.Compute(bytes);
        return bytes;
    }

    private static byte[] BoolBytes(ReadOnlySpan<bool> values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bytes[i] = values[i] ? (byte)1 : (byte)0;
        }

        return bytes;
    }

    private static byte[] EncodeStrings(ReadOnlySpan<byte[]> elements, out uint crc)
    {
        using var ms = new MemoryStream();
        crc = 0;
        Span<byte> four = stackalloc byte[4];
        foreach (var e in elements)
        {
            Coding.PutVarint64(ms, (ulong)e.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(four, (uint)e.Length);
            crc = Crc32C.Extend(crc, four);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(four, Crc32C.Mask(crc));
        ms.Write(four);
        crc = Crc32C.Extend(crc, four);
        foreach (var e in elements)
        {
            ms.Write(e);
            crc = Crc32C.Extend(crc, e);
        }

        return ms.ToArray();
    }

    /// <summary>Decodes <paramref name="bytes"/> (already checked against the entry's CRC) as a tensor of
    /// <paramref name="dtype"/> and <paramref name="shape"/>.</summary>
    public static NDArray Decode(ReadOnlySpan<byte> bytes, DType dtype, Shape shape, string file, string name)
    {
        long n = shape.NumElements;
        if (dtype == DType.String)
        {
            // V1 tensor_content strings carry no CRC of their own (the table block's CRC covers them).
            return DecodeStrings(bytes, shape, null, file, name);
        }

        if (n * dtype.Size != bytes.Length)
        {
            throw Coding.Corrupt(file, $"tensor '{name}' of dtype {dtype} and shape {shape} needs {n * dtype.Size} bytes but its entry holds {bytes.Length}");
        }

        var data = NDArray.AllocateArray(dtype, (int)n);
        if (dtype == DType.Bool)
        {
            var b = (bool[])data;
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = bytes[i] != 0;
            }
        }
        else
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(AsSpan(data, dtype)));
        }

        return NDArray.Wrap(dtype, shape, data);
    }

    private static Span<byte> AsSpan(Array data, DType dtype) => dtype.Code switch
    {
        1 => MemoryMarshal.AsBytes(((float[])data).AsSpan()),
        2 => MemoryMarshal.AsBytes(((double[])data).AsSpan()),
        3 => MemoryMarshal.AsBytes(((int[])data).AsSpan()),
        4 => ((byte[])data).AsSpan(),
        9 => MemoryMarshal.AsBytes(((long[])data).AsSpan()),
        _ => throw new InvalidArgumentException($"No raw layout for dtype {dtype}."),
    };

    /// <summary>Decodes the string layout; with <paramref name="entryCrc"/>, checks the lengths' own checksum and the
    /// entry's (unmasked) CRC over lengths, that checksum and the bytes before returning anything.</summary>
    public static NDArray DecodeStrings(ReadOnlySpan<byte> bytes, Shape shape, uint? entryCrc, string file, string name)
    {
        long n = shape.NumElements;
        // Every element needs at least one length byte: bounds the element count before allocating.
        if (n > bytes.Length)
        {
            throw Coding.Corrupt(file, $"string tensor '{name}' claims {n} elements in {bytes.Length} bytes");
        }

        var lengths = new ulong[n];
        int pos = 0;
        uint crc = 0;
        Span<byte> four = stackalloc byte[4];
        for (int i = 0; i < n; i++)
        {
            lengths[i] = Coding.GetVarint64(bytes, ref pos, file);
            BinaryPrimitives.WriteUInt32LittleEndian(four, (uint)lengths[i]);
            crc = Crc32C.Extend(crc, four);
        }

        if (pos + 4 > bytes.Length)
        {
            throw Coding.Corrupt(file, $"string tensor '{name}' is truncated");
        }

        uint stored = Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(bytes[pos..]));
        if (stored != crc)
        {
            throw Coding.ChecksumMismatch(file, $"string lengths of tensor '{name}'", stored, crc);
        }

        crc = Crc32C.Extend(crc, bytes.Slice(pos, 4));
        pos += 4;
        if (entryCrc is uint expected)
        {
            uint actual = Crc32C.Extend(crc, bytes[pos..]);
            if (actual != expected)
            {
                throw Coding.ChecksumMismatch(file, $"tensor '{name}'", expected, actual);
            }
        }

        var elements = new byte[n][];
        for (int i = 0; i < n; i++)
        {
            if (lengths[i] > (ulong)(bytes.Length - pos))
            {
                throw Coding.Corrupt(file, $"string element {i} of tensor '{name}' runs past its entry");
            }

            elements[i] = bytes.Slice(pos, (int)lengths[i]).ToArray();
            pos += (int)lengths[i];
        }

        if (pos != bytes.Length)
        {
            throw Coding.Corrupt(file, $"string tensor '{name}' has {bytes.Length - pos} trailing bytes");
        }

        return NDArray.Wrap(DType.String, shape, elements);
    }
}
