using System.Buffers.Binary;

namespace StaticGraph.Examples.Data;

/// <summary>
/// LeCun's IDX format (MNIST, Fashion-MNIST): two zero bytes, a type byte (0x08 unsigned byte, 0x09 signed byte,
/// 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the rank, rank big-endian int32 dimensions, then the data in
/// row-major order, big-endian. Files may be raw or gzip-compressed (told by their magic bytes).
/// </summary>
public static class Idx
{
    /// <summary>The array stored in <paramref name="path"/>: uint8 data as <c>uint8</c>, signed-byte and integer data
    /// as <c>int32</c>, float32 and float64 as themselves.</summary>
    public static NDArray Load(string path)
    {
        var bytes = DataFile.ReadAllBytes(path);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
        {
            throw new InvalidDataException($"{path}: not an IDX file (it must start with two zero bytes).");
        }

        byte type = bytes[2];
        int rank = bytes[3];
        int size = type switch
        {
            0x08 or 0x09 => 1,
            0x0B => 2,
            0x0C or 0x0D => 4,
            0x0E => 8,
            _ => throw new InvalidDataException($"{path}: unknown IDX element type 0x{type:X2}."),
        };
        int headerLength = 4 + (4 * rank);
        if (rank == 0 || bytes.Length < headerLength)
        {
            throw new InvalidDataException($"{path}: truncated IDX header (rank {rank}, {bytes.Length} bytes).");
        }

        var shape = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * d)));
            if (shape[d] < 0)
            {
                throw new InvalidDataException($"{path}: negative dimension {shape[d]} in the IDX header.");
            }

            count *= shape[d];
        }

        long expected = headerLength + (count * size);
        if (bytes.Length != expected)
        {
            throw new InvalidDataException(
                $"{path}: IDX shape [{string.Join(", ", shape)}] needs {expected} bytes, the file has {bytes.Length}.");
        }

        int n = (int)count, h = headerLength;
        return type switch
        {
            0x08 => NDArray.FromArray(bytes[h..], shape),
            0x09 => NDArray.FromArray(Convert(n, i => (int)(sbyte)bytes[h + i]), shape),
            0x0B => NDArray.FromArray(Convert(n, i => (int)BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(h + (2 * i)))), shape),
            0x0C => NDArray.FromArray(Convert(n, i => BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(h + (4 * i)))), shape),
            0x0D => NDArray.FromArray(Convert(n, i => BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(h + (4 * i)))), shape),
            _ => NDArray.FromArray(Convert(n, i => BinaryPrimitives.ReadDoubleBigEndian(bytes.AsSpan(h + (8 * i)))), shape),
        };
    }

    /// <summary>Writes unsigned bytes of the given <paramref name="shape"/> as an uncompressed IDX file (type 0x08).</summary>
    public static void WriteBytes(string path, byte[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long count = shape.Aggregate(1L, (a, d) => a * d);
        if (count != data.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {count} bytes, got {data.Length}.", nameof(data));
        }

        var bytes = new byte[4 + (4 * shape.Length) + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)shape.Length;
        for (int d = 0; d < shape.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), shape[d]);
        }

        data.CopyTo(bytes, 4 + (4 * shape.Length));
        DataFile.WriteAllBytes(path, bytes);
    }

    private static T[] Convert<T>(int n, Func<int, T> read)
    {
        var result = new T[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = read(i);
        }

        return result;
    }
}
