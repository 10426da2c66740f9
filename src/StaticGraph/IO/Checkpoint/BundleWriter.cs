using Google.Protobuf;
using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// Writes a TensorFlow V2 checkpoint (tensor bundle) with one data shard: <c>prefix.data-00000-of-00001</c> holds the
/// tensors' bytes in the order given, <c>prefix.index</c> an SSTable whose key "" is the
/// <see cref="BundleHeaderProto"/> and whose other keys are the sorted tensor names with their
/// <see cref="BundleEntryProto"/>. Both files are written under temporary names and renamed into place, so a reader
/// never sees a partial checkpoint; the same tensors give byte-identical files.
/// </summary>
internal static class BundleWriter
{
    /// <summary>Writes <paramref name="tensors"/> (name, value; names unique) as the bundle <paramref name="prefix"/>,
    /// data in the order given.</summary>
    public static void Write(string prefix, IReadOnlyList<(string Name, NDArray Value)> tensors) =>
        Write(prefix, tensors, 0, 1);

    /// <summary>Writes one shard of a bundle: <c>prefix.data-{shard}-of-{numShards}</c> and an index that says so
    /// (<see cref="Merge"/> combines shards written this way).</summary>
    public static void Write(string prefix, IReadOnlyList<(string Name, NDArray Value)> tensors, int shard, int numShards)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var entries = new SortedDictionary<byte[], BundleEntryProto>(ByteComparer.Instance);
        string dataPath = CheckpointPaths.DataFile(prefix, shard, numShards);
        string dataTemp = CheckpointPaths.TempName(dataPath);
        try
        {
            using (var data = new FileStream(dataTemp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                long offset = 0;
                foreach (var (name, value) in tensors)
                {
                    var key = System.Text.Encoding.UTF8.GetBytes(name);
                    if (key.Length == 0 || entries.ContainsKey(key))
                    {
                        throw new InvalidArgumentException(key.Length == 0
                            ? "A checkpoint tensor name must not be empty."
                            : $"Tensor name '{name}' appears twice in one checkpoint.");
                    }

                    var (bytes, crc) = TensorBytes.Encode(value);
                    data.Write(bytes);
                    entries[key] = new BundleEntryProto
                    {
                        Dtype = (DataType)value.DType.Code,
                        Shape = ShapeProto(value.Shape),
                        ShardId = shard,
                        Offset = offset,
                        Size = bytes.Length,
                        Crc32C = crc,
                    };
                    offset += bytes.Length;
                }

                data.Flush(flushToDisk: true);
            }

            // The data file goes into place first: a reader keys off the index, which must never name missing data.
            File.Move(dataTemp, dataPath, overwrite: true);
            WriteIndex(prefix, numShards, entries);
        }
        finally
        {
            File.Delete(dataTemp);
        }
    }

    /// <summary>Writes <c>prefix.index</c> (via a temporary file) from sorted entries.</summary>
    public static void WriteIndex(string prefix, int numShards, SortedDictionary<byte[], BundleEntryProto> entries)
    {
        string indexPath = CheckpointPaths.IndexFile(prefix);
        string temp = CheckpointPaths.TempName(indexPath);
        try
        {
            using (var index = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var table = new TableBuilder(index);
                var header = new BundleHeaderProto
                {
                    NumShards = numShards,
                    Endianness = BundleHeaderProto.Types.Endianness.Little,
                    Version = new VersionDef { Producer = 1 },
                };
                table.Add([], header.ToByteArray());
                foreach (var (key, entry) in entries)
                {
                    table.Add(key, entry.ToByteArray());
                }

                table.Finish();
                index.Flush(flushToDisk: true);
            }

            File.Move(temp, indexPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>TF's <c>MergeBundles</c>: combines the single-shard bundles <paramref name="prefixes"/> into one
    /// bundle <paramref name="destination"/> with one data shard per input, then deletes the inputs' index files.</summary>
    public static void Merge(IReadOnlyList<string> prefixes, string destination)
    {
        var entries = new SortedDictionary<byte[], BundleEntryProto>(ByteComparer.Instance);
        int numShards = prefixes.Count;
        var moves = new List<(string From, string To)>();
        for (int i = 0; i < prefixes.Count; i++)
        {
            var reader = new BundleReader(prefixes[i]);
            if (reader.NumShards != 1)
            {
                throw new InvalidArgumentException($"MergeV2Checkpoints expects single-shard bundles; '{prefixes[i]}' has {reader.NumShards}.");
            }

            foreach (var (key, entry) in reader.RawEntries)
            {
                var copy = entry.Clone();
                copy.ShardId = i;
                if (!entries.TryAdd(key, copy))
                {
                    throw new InvalidArgumentException($"Tensor '{System.Text.Encoding.UTF8.GetString(key)}' appears in more than one checkpoint being merged.");
                }
            }

            moves.Add((reader.DataFileOf(0), CheckpointPaths.DataFile(destination, i, numShards)));
        }

        foreach (var (from, to) in moves)
        {
            if (!string.Equals(Path.GetFullPath(from), Path.GetFullPath(to), StringComparison.Ordinal))
            {
                File.Move(from, to, overwrite: true);
            }
        }

        WriteIndex(destination, numShards, entries);
        foreach (var p in prefixes)
        {
            if (!string.Equals(Path.GetFullPath(CheckpointPaths.IndexFile(p)), Path.GetFullPath(CheckpointPaths.IndexFile(destination)), StringComparison.Ordinal))
            {
                File.Delete(CheckpointPaths.IndexFile(p));
            }
        }
    }

    private static TensorShapeProto ShapeProto(Shape shape)
    {
        var proto = new TensorShapeProto();
        foreach (int d in shape)
        {
            proto.Dim.Add(new TensorShapeProto.Types.Dim { Size = d });
        }

        return proto;
    }
}

/// <summary>Orders byte strings as LevelDB's bytewise comparator does.</summary>
internal sealed class ByteComparer : IComparer<byte[]>
{
    public static ByteComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
