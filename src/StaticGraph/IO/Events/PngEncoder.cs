using System.Buffers.Binary;
using System.IO.Compression;

namespace StaticGraph.IO;

/// <summary>A minimal PNG encoder for image summaries: 8-bit grayscale, RGB or RGBA, one zlib IDAT chunk, filter 0
/// on every row.</summary>
internal static class PngEncoder
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>PNG bytes of a <paramref name="height"/> x <paramref name="width"/> image with
    /// <paramref name="channels"/> (1, 3 or 4) interleaved 8-bit samples per pixel, rows top to bottom.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int height, int width, int channels)
    {
        byte colorType = channels switch
        {
            1 => 0,
            2 => 4,
            3 => 2,
            4 => 6,
            _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "PNG images have 1 to 4 channels."),
        };
        int stride = width * channels;
        if (pixels.Length != (long)stride * height)
        {
            throw new ArgumentException($"Expected {(long)stride * height} bytes for {height}x{width}x{channels}, got {pixels.Length}.", nameof(pixels));
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8;          // bit depth
        ihdr[9] = colorType;  // compression, filter and interlace methods stay 0
        WriteChunk(png, "IHDR"u8, ihdr);

        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int row = 0; row < height; row++)
            {
                z.WriteByte(0); // filter type None
                z.Write(pixels.Slice(row * stride, stride));
            }
        }

        WriteChunk(png, "IDAT"u8, idat.ToArray());
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>The standard (zlib) CRC-32 of <paramref name="data"/>, as PNG chunks use it.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFFu, data);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static void WriteChunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        s.Write(type);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, ~Update(Update(0xFFFFFFFFu, type), data));
        s.Write(word);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
