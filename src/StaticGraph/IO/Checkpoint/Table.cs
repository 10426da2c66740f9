using System.Buffers.Binary;

namespace StaticGraph.IO;

/// <summary>
/// Reads a LevelDB-format SSTable (TensorFlow's <c>.index</c> files and V1 checkpoints): footer magic, block handles
/// bounded by the file size, every block's masked CRC32C verified before its bytes are parsed, raw (type 0) and
/// snappy (type 1) blocks. Entries are materialized in key order; a malformed file raises
/// <see cref="DataLossException"/> naming it.
/// </summary>
internal static class Table
{
    /// <summary>All entries of the table at <paramref name="path"/>, in file (key) order.</summary>
    public static List<KeyValuePair<byte[], byte[]>> ReadAll(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = RandomAccess.GetLength(file);
        if (length < TableBuilder.FooterSize)
        {
            throw Coding.Corrupt(path, $"file is too short to be an SSTable ({length} bytes)");
        }

        var footer = new byte[TableBuilder.FooterSize];
        ReadExactly(file, footer, length - TableBuilder.FooterSize, path);
        ulong magic = BinaryPrimitives.ReadUInt64LittleEndian(footer.AsSpan(TableBuilder.FooterSize - 8));
        if (magic != TableBuilder.Magic)
        {
            throw Coding.Corrupt(path, "bad SSTable magic number (not a TensorFlow checkpoint table, or truncated)");
        }

        int pos = 0;
        var (metaOffset, metaSize) = DecodeHandle(footer, ref pos, path);
        var (indexOffset, indexSize) = DecodeHandle(footer, ref pos, path);
        long limit = length - TableBuilder.FooterSize;
        ReadBlock(file, metaOffset, metaSize, limit, path); // TensorFlow stores nothing there, but its CRC must hold
        var index = ReadBlock(file, indexOffset, indexSize, limit, path);

        var entries = new List<KeyValuePair<byte[], byte[]>>();
        foreach (var (_, handle) in BlockEntries(index, path))
        {
            int p = 0;
            var (offset, size) = DecodeHandle(handle, ref p, path);
            var block = ReadBlock(file, offset, size, limit, path);
            foreach (var entry in BlockEntries(block, path))
            {
                if (entries.Count > 0 && entries[^1].Key.AsSpan().SequenceCompareTo(entry.Key) >= 0)
                {
                    throw Coding.Corrupt(path, "SSTable keys are out of order");
                }

                entries.Add(entry);
            }
        }

        return entries;
    }

    private static (ulong Offset, ulong Size) DecodeHandle(ReadOnlySpan<byte> src, ref int pos, string path) =>
        (Coding.GetVarint64(src, ref pos, path), Coding.GetVarint64(src, ref pos, path));

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle file, Span<byte> buffer, long offset, string path)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = RandomAccess.Read(file, buffer[done..], offset + done);
            if (n <= 0)
            {
                throw Coding.Corrupt(path, "unexpected end of file");
            }

            done += n;
        }
    }

    /// <summary>The verified, decompressed contents of the block at <paramref name="offset"/>.</summary>
    private static byte[] ReadBlock(Microsoft.Win32.SafeHandles.SafeFileHandle file, ulong offset, ulong size, long limit, string path)
    {
        if (offset > (ulong)limit || size > (ulong)limit - offset || size + TableBuilder.BlockTrailerSize > (ulong)limit - offset)
        {
            throw Coding.Corrupt(path, $"block handle (offset {offset}, size {size}) points outside the file");
        }

        var raw = new byte[size + TableBuilder.BlockTrailerSize];
        ReadExactly(file, raw, (long)offset, path);
        int n = (int)size;
        uint stored = Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(n + 1)));
        uint actual = Crc32C.Compute(raw.AsSpan(0, n + 1));
        if (stored != actual)
        {
            throw Coding.ChecksumMismatch(path, $"block at offset {offset}", stored, actual);
        }

        return raw[n] switch
        {
            0 => raw[..n],
            1 => Unsnappy(raw.AsSpan(0, n), path),
            _ => throw Coding.Corrupt(path, $"unknown block compression type {raw[n]}"),
        };
    }

    private static byte[] Unsnappy(ReadOnlySpan<byte> compressed, string path)
    {
        try
        {
            // A snappy stream starts with its uncompressed length; a 3-byte copy tag yields at most 64 bytes, so a
            // block expands at most ~22x: that bounds the allocation by what the (checksum-verified) file holds.
            int length = Snappier.Snappy.GetUncompressedLength(compressed);
            if (length < 0 || length > (compressed.Length * 32L) + 64)
            {
                throw Coding.Corrupt(path, $"snappy block claims {length} uncompressed bytes");
            }

            var output = new byte[length];
            int written = Snappier.Snappy.Decompress(compressed, output);
            return written == length ? output : throw Coding.Corrupt(path, "snappy block is shorter than its header says");
        }
        catch (InvalidDataException e)
        {
            throw new DataLossException($"Corrupt checkpoint file '{path}': bad snappy block ({e.Message}).", e);
        }
    }

    /// <summary>The entries of one block, keys rebuilt from their shared prefixes, every length bounds-checked.</summary>
    private static List<KeyValuePair<byte[], byte[]>> BlockEntries(byte[] block, string path)
    {
        if (block.Length < 4)
        {
            throw Coding.Corrupt(path, "block is too short");
        }

        uint restarts = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(block.Length - 4));
        if (restarts == 0 || restarts > (uint)(block.Length - 4) / 4)
        {
            throw Coding.Corrupt(path, $"block has a bad restart count {restarts}");
        }

        int end = block.Length - 4 - ((int)restarts * 4);
        var result = new List<KeyValuePair<byte[], byte[]>>();
        byte[] last = [];
        int pos = 0;
        while (pos < end)
        {
            var span = block.AsSpan(0, end);
            uint shared = Coding.GetVarint32(span, ref pos, path);
            uint unshared = Coding.GetVarint32(span, ref pos, path);
            uint valueLength = Coding.GetVarint32(span, ref pos, path);
            if (shared > last.Length || unshared > (uint)(end - pos) || valueLength > (uint)(end - pos) - unshared)
            {
                throw Coding.Corrupt(path, "block entry lengths point outside the block");
            }

            var key = new byte[shared + unshared];
            last.AsSpan(0, (int)shared).CopyTo(key);
            block.AsSpan(pos, (int)unshared).CopyTo(key.AsSpan((int)shared));
            pos += (int)unshared;
            var value = block.AsSpan(pos, (int)valueLength).ToArray();
            pos += (int)valueLength;
            result.Add(new(key, value));
            last = key;
        }

        return result;
    }
}
