using System.Buffers.Binary;

namespace StaticGraph.IO;

/// <summary>LevelDB's integer encodings: base-128 varints and little-endian fixed-width integers, with bounds-checked
/// decoding that reports a truncated or overlong varint as corruption of <c>file</c>.</summary>
internal static class Coding
{
    public static void PutVarint64(List<byte> dst, ulong v)
    {
        while (v >= 0x80)
        {
            dst.Add((byte)(v | 0x80));
            v >>= 7;
        }

        dst.Add((byte)v);
    }

    public static void PutVarint64(Stream dst, ulong v)
    {
        while (v >= 0x80)
        {
            dst.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }

        dst.WriteByte((byte)v);
    }

    public static void PutFixed32(List<byte> dst, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        foreach (var x in b)
        {
            dst.Add(x);
        }
    }

    /// <summary>Decodes a varint64 at <paramref name="pos"/> of <paramref name="src"/>, advancing it.</summary>
    public static ulong GetVarint64(ReadOnlySpan<byte> src, ref int pos, string file)
    {
        ulong result = 0;
        for (int shift = 0; shift <= 63; shift += 7)
        {
            if (pos >= src.Length)
            {
                throw Corrupt(file, "truncated varint");
            }

            byte b = src[pos++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw Corrupt(file, "overlong varint");
    }

    /// <summary>Decodes a varint that must fit in 32 bits.</summary>
    public static uint GetVarint32(ReadOnlySpan<byte> src, ref int pos, string file)
    {
        ulong v = GetVarint64(src, ref pos, file);
        return v <= uint.MaxValue ? (uint)v : throw Corrupt(file, "varint32 out of range");
    }

    /// <summary>A <see cref="DataLossException"/> saying <paramref name="file"/> is corrupt.</summary>
    public static DataLossException Corrupt(string file, string what) =>
        new($"Corrupt checkpoint file '{file}': {what}.");

    /// <summary>A <see cref="DataLossException"/> for a checksum mismatch in <paramref name="file"/>.</summary>
    public static DataLossException ChecksumMismatch(string file, string what, uint expected, uint actual) =>
        new($"Checksum (crc32c) mismatch in checkpoint file '{file}' ({what}): expected 0x{expected:x8}, got 0x{actual:x8}; the file is corrupt.");
}
