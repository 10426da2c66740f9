namespace StaticGraph.IO;

/// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) as LevelDB and TensorFlow use it, with TF's mask:
/// a CRC stored next to the data it covers is rotated right by 15 bits and offset by 0xa282ead8, so that the CRC of a
/// string that embeds CRCs stays well distributed.</summary>
internal static class Crc32C
{
    private const uint MaskDelta = 0xa282ead8u;

    // Slicing-by-8 tables: Tables[k][b] is the CRC of byte b followed by k zero bytes.
    private static readonly uint[][] Tables = BuildTables();

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Extend(0, data);

    /// <summary>The CRC-32C of the concatenation of the bytes <paramref name="crc"/> covers and
    /// <paramref name="data"/>.</summary>
    public static uint Extend(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        var t = Tables;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint lo = c ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            uint hi = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24]
              ^ t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
        }

        for (; i < data.Length; i++)
        {
            c = t[0][(c ^ data[i]) & 0xff] ^ (c >> 8);
        }

        return ~c;
    }

    /// <summary>TF's masked form of <paramref name="crc"/>: ((crc &gt;&gt; 15) | (crc &lt;&lt; 17)) + 0xa282ead8.</summary>
    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    /// <summary>Inverse of <see cref="Mask"/>.</summary>
    public static uint Unmask(uint masked)
    {
        uint rot = masked - MaskDelta;
        return (rot >> 17) | (rot << 15);
    }

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        for (int k = 0; k < 8; k++)
        {
            tables[k] = new uint[256];
        }

        for (uint b = 0; b < 256; b++)
        {
            uint c = b;
            for (int j = 0; j < 8; j++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
            }

            tables[0][b] = c;
        }

        for (int k = 1; k < 8; k++)
        {
            for (int b = 0; b < 256; b++)
            {
                uint prev = tables[k - 1][b];
                tables[k][b] = tables[0][prev & 0xff] ^ (prev >> 8);
            }
        }

        return tables;
    }
}
