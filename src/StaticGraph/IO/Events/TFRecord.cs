using System.Buffers.Binary;

namespace StaticGraph.IO;

/// <summary>TFRecord framing as TF's RecordWriter writes it: uint64 little-endian payload length, masked CRC32C of
/// those 8 bytes, the payload, masked CRC32C of the payload.</summary>
internal static class TFRecord
{
    /// <summary>Bytes before the payload: length (8) + its masked CRC (4).</summary>
    public const int HeaderSize = 12;

    /// <summary>Bytes after the payload: its masked CRC.</summary>
    public const int FooterSize = 4;

    /// <summary>The largest payload the reader accepts (the reader also bounds it by the bytes left in the file).</summary>
    public const long MaxPayload = int.MaxValue - 64;

    /// <summary>Appends one framed record holding <paramref name="payload"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Mask(Crc32C.Compute(header[..8])));
        Span<byte> footer = stackalloc byte[FooterSize];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Mask(Crc32C.Compute(payload)));
        stream.Write(header);
        stream.Write(payload);
        stream.Write(footer);
    }

    /// <summary>The payloads of the records in <paramref name="stream"/>, each checked against both CRCs. A CRC
    /// mismatch or an impossible length raises <see cref="DataLossException"/> naming <paramref name="fileName"/>.
    /// A clean truncation of the last record (the file ends inside it, and what is there of its header verifies)
    /// ends the sequence, as TF's readers stop at a partial last record.</summary>
    public static IEnumerable<byte[]> Read(Stream stream, string fileName)
    {
        var header = new byte[HeaderSize];
        var footer = new byte[FooterSize];
        long offset = 0;
        while (true)
        {
            int got = ReadFully(stream, header);
            if (got < HeaderSize)
            {
                yield break; // end of file, or a partial header: a truncated last record
            }

            uint lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
            if (Crc32C.Unmask(lengthCrc) != Crc32C.Compute(header.AsSpan(0, 8)))
            {
                throw new DataLossException($"Corrupted record at offset {offset} of '{fileName}': length checksum (crc32c) mismatch.");
            }

            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            long remaining = stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;
            if (length > (ulong)MaxPayload)
            {
                if (stream.CanSeek && length > (ulong)remaining)
                {
                    yield break; // truncated: the declared record runs past the end of the file
                }

                throw new DataLossException($"Corrupted record at offset {offset} of '{fileName}': record length {length} is too large.");
            }

            if (stream.CanSeek && (long)length + FooterSize > remaining)
            {
                yield break; // truncated last record
            }

            var payload = new byte[(int)length];
            if (ReadFully(stream, payload) < payload.Length || ReadFully(stream, footer) < FooterSize)
            {
                yield break; // truncated last record (non-seekable stream)
            }

            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(footer);
            if (Crc32C.Unmask(dataCrc) != Crc32C.Compute(payload))
            {
                throw new DataLossException($"Corrupted record at offset {offset} of '{fileName}': data checksum (crc32c) mismatch.");
            }

            offset += HeaderSize + payload.Length + FooterSize;
            yield return payload;
        }
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
