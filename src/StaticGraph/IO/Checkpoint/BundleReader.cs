using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// Reads a TensorFlow V2 checkpoint (tensor bundle): the <c>.index</c> SSTable's header and entries, and tensors from
/// the <c>.data-NNNNN-of-NNNNN</c> shards. Every block CRC is verified when the index is opened and every tensor's
/// CRC before its value is returned; offsets and sizes are checked against the data file's length before anything is
/// allocated.
/// </summary>
internal sealed class BundleReader
{
    private readonly Dictionary<string, BundleEntryProto> _entries = new(StringComparer.Ordinal);
    private readonly string _prefix;
    private readonly string _indexPath;

    public BundleReader(string prefix)
    {
        _prefix = prefix;
        _indexPath = CheckpointPaths.IndexFile(prefix);
        var table = Table.ReadAll(_indexPath);
        if (table.Count == 0 || table[0].Key.Length != 0)
        {
            throw Coding.Corrupt(_indexPath, "the bundle header entry is missing");
        }

        var header = Parse(BundleHeaderProto.Parser, table[0].Value, "bundle header");
        if (header.Endianness != BundleHeaderProto.Types.Endianness.Little)
        {
            throw new InvalidArgumentException($"Checkpoint '{_indexPath}' is big-endian; only little-endian bundles are supported.");
        }

        if (header.NumShards < 1)
        {
            throw Coding.Corrupt(_indexPath, $"the header says {header.NumShards} shards");
        }

        NumShards = header.NumShards;
        foreach (var (key, value) in table.Skip(1))
        {
            var name = System.Text.Encoding.UTF8.GetString(key);
            var entry = Parse(BundleEntryProto.Parser, value, $"entry '{name}'");
            if (entry.ShardId < 0 || entry.ShardId >= NumShards || entry.Offset < 0 || entry.Size < 0)
            {
                throw Coding.Corrupt(_indexPath, $"entry '{name}' has shard {entry.ShardId}, offset {entry.Offset}, size {entry.Size}");
            }

            _entries[name] = entry;
            RawEntries.Add((key, entry));
        }
    }

    public int NumShards { get; }

    /// <summary>The entries with their raw keys, in key order (merging copies them).</summary>
    public List<(byte[] Key, BundleEntryProto Entry)> RawEntries { get; } = [];

    /// <summary>Tensor names (sorted).</summary>
    public IEnumerable<string> Names => _entries.Keys;

    public bool Contains(string name) => _entries.ContainsKey(name);

    public string DataFileOf(int shard) => CheckpointPaths.DataFile(_prefix, shard, NumShards);

    /// <summary>The dtype code and shape (dimensions) of <paramref name="name"/>.</summary>
    public (DataType DType, int[] Shape) Describe(string name)
    {
        var entry = Entry(name);
        return (entry.Dtype, CheckpointShapes.FromProto(entry.Shape, _indexPath, name));
    }

    /// <summary>The tensor <paramref name="name"/>, its CRC verified.</summary>
    public NDArray Read(string name)
    {
        var entry = Entry(name);
        if (entry.Slices.Count > 0)
        {
            throw new InvalidArgumentException($"Tensor '{name}' in '{_indexPath}' is stored as partitioned slices, which are not supported.");
        }

        var dtype = CheckpointShapes.ToDType(entry.Dtype, name);
        var dims = CheckpointShapes.FromProto(entry.Shape, _indexPath, name);
        string dataPath = DataFileOf(entry.ShardId);
        byte[] bytes;
        try
        {
            using var file = File.OpenHandle(dataPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length = RandomAccess.GetLength(file);
            if (entry.Offset > length || entry.Size > length - entry.Offset || entry.Size > Array.MaxLength)
            {
                throw Coding.Corrupt(dataPath, $"tensor '{name}' (offset {entry.Offset}, size {entry.Size}) lies outside the {length}-byte data file");
            }

            bytes = new byte[entry.Size];
            int done = 0;
            while (done < bytes.Length)
            {
                int n = RandomAccess.Read(file, bytes.AsSpan(done), entry.Offset + done);
                if (n <= 0)
                {
                    throw Coding.Corrupt(dataPath, $"tensor '{name}' is truncated");
                }

                done += n;
            }
        }
        catch (FileNotFoundException e)
        {
            throw new DataLossException($"Corrupt checkpoint '{_prefix}': data file '{dataPath}' named by '{_indexPath}' is missing.", e);
        }

        // Strings: the entry CRC covers the lengths as uint32s rather than the varints, so it is checked while the
        // lengths are decoded (and before any element is trusted); everything else: the CRC of the bytes as stored.
        uint stored = Crc32C.Unmask(entry.Crc32C);
        if (dtype == DType.String)
        {
            return TensorBytes.DecodeStrings(bytes, Shape.Own(dims), stored, dataPath, name);
        }

        uint actual = Crc32C.Compute(bytes);
        if (stored != actual)
        {
            throw Coding.ChecksumMismatch(dataPath, $"tensor '{name}'", stored, actual);
        }

        return TensorBytes.Decode(bytes, dtype, Shape.Own(dims), dataPath, name);
    }

    private BundleEntryProto Entry(string name) => _entries.TryGetValue(name, out var e)
        ? e
        : throw new KeyNotFoundException($"Key {name} not found in checkpoint '{_prefix}'.");

    private T Parse<T>(Google.Protobuf.MessageParser<T> parser, byte[] bytes, string what) where T : Google.Protobuf.IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new DataLossException($"Corrupt checkpoint file '{_indexPath}': cannot parse the {what} ({e.Message}).", e);
        }
    }
}
