namespace StaticGraph.IO;

/// <summary>
/// Writes a LevelDB-format SSTable as TensorFlow's <c>table::TableBuilder</c> does: data blocks of about 256 KiB with
/// prefix-compressed keys and a restart point every 16 keys, an empty metaindex block, an index block (restart
/// interval 1) keyed by the shortest separator between blocks, and the 48-byte footer. Blocks are stored raw (type
/// 0), which every reader accepts; keys must be added in strictly increasing byte order. Output depends only on the
/// entries, so the same entries give the same bytes.
/// </summary>
internal sealed class TableBuilder(Stream output)
{
    public const ulong Magic = 0xdb4775248b80fb57UL;
    public const int FooterSize = 48;
    public const int BlockTrailerSize = 5;
    private const int BlockSize = 256 * 1024;

    private readonly BlockBuilder _data = new(16);
    private readonly BlockBuilder _index = new(1);
    private byte[]? _lastKey;
    private (ulong Offset, ulong Size)? _pendingHandle;
    private ulong _offset;

    /// <summary>Appends an entry; keys must be strictly increasing.</summary>
    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (_lastKey is not null && key.SequenceCompareTo(_lastKey) <= 0)
        {
            throw new InvalidOperationException("SSTable keys must be added in strictly increasing order.");
        }

        if (_pendingHandle is { } h)
        {
            _index.Add(ShortestSeparator(_lastKey!, key), EncodeHandle(h.Offset, h.Size));
            _pendingHandle = null;
        }

        _data.Add(key, value);
        _lastKey = key.ToArray();
        if (_data.EstimatedSize >= BlockSize)
        {
            FlushData();
        }
    }

    /// <summary>Writes the remaining blocks and the footer.</summary>
    public void Finish()
    {
        FlushData();
        var meta = WriteBlock(new BlockBuilder(16).Finish());
        if (_pendingHandle is { } h)
        {
            _index.Add(_lastKey is null ? [] : ShortSuccessor(_lastKey), EncodeHandle(h.Offset, h.Size));
            _pendingHandle = null;
        }

        var index = WriteBlock(_index.Finish());
        var footer = new List<byte>(FooterSize);
        footer.AddRange(EncodeHandle(meta.Offset, meta.Size));
        footer.AddRange(EncodeHandle(index.Offset, index.Size));
        while (footer.Count < FooterSize - 8)
        {
            footer.Add(0);
        }

        Coding.PutFixed32(footer, (uint)(Magic & 0xffffffff));
        Coding.PutFixed32(footer, (uint)(Magic >> 32));
        output.Write(footer.ToArray());
        _offset += FooterSize;
    }

    private void FlushData()
    {
        if (_data.IsEmpty)
        {
            return;
        }

        _pendingHandle = WriteBlock(_data.Finish());
        _data.Reset();
    }

    private (ulong Offset, ulong Size) WriteBlock(byte[] contents)
    {
        var handle = (_offset, (ulong)contents.Length);
        output.Write(contents);
        Span<byte> trailer = stackalloc byte[BlockTrailerSize];
        trailer[0] = 0; // kNoCompression
        uint crc = Crc32C.Extend(Crc32C.Compute(contents), trailer[..1]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer[1..], Crc32C.Mask(crc));
        output.Write(trailer);
        _offset += (ulong)contents.Length + BlockTrailerSize;
        return handle;
    }

    private static byte[] EncodeHandle(ulong offset, ulong size)
    {
        var b = new List<byte>(20);
        Coding.PutVarint64(b, offset);
        Coding.PutVarint64(b, size);
        return [.. b];
    }

    // LevelDB BytewiseComparator::FindShortestSeparator: the shortest key k with start <= k < limit.
    private static byte[] ShortestSeparator(byte[] start, ReadOnlySpan<byte> limit)
    {
        int min = Math.Min(start.Length, limit.Length);
        int diff = 0;
        while (diff < min && start[diff] == limit[diff])
        {
            diff++;
        }

        if (diff < min)
        {
            byte b = start[diff];
            if (b < 0xff && b + 1 < limit[diff])
            {
                var k = start[..(diff + 1)];
                k[diff]++;
                return k;
            }
        }

        return start;
    }

    // LevelDB BytewiseComparator::FindShortSuccessor: the shortest key k >= key.
    private static byte[] ShortSuccessor(byte[] key)
    {
        for (int i = 0; i < key.Length; i++)
        {
            if (key[i] != 0xff)
            {
                var k = key[..(i + 1)];
                k[i]++;
                return k;
            }
        }

        return key;
    }
}
