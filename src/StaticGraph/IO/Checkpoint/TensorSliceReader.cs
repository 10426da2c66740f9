using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// Reads a TensorFlow V1 checkpoint (<c>TensorSliceWriter</c>): one or more SSTable files whose key "" holds the
/// <see cref="SavedTensorSliceMeta"/> (every tensor's full shape, dtype and saved slices) and whose other keys
/// (OrderedCode-encoded name + slice) hold a <see cref="SavedSlice"/> with the slice's values in typed fields.
/// Partitioned variables are stored under their unpartitioned name, one slice per partition; reading reassembles the
/// full tensor. The files' block CRCs are verified when they are opened.
/// </summary>
internal sealed class TensorSliceReader
{
    private readonly Dictionary<string, SavedSliceMeta> _meta = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(SavedSlice Slice, string File)>> _slices = new(StringComparer.Ordinal);
    private readonly string _pattern;

    public TensorSliceReader(string pattern, string[] files)
    {
        _pattern = pattern;
        foreach (var file in files)
        {
            foreach (var (key, value) in Table.ReadAll(file))
            {
                SavedTensorSlices sts;
                try
                {
                    sts = SavedTensorSlices.Parser.ParseFrom(value);
                }
                catch (Google.Protobuf.InvalidProtocolBufferException e)
                {
                    throw new DataLossException($"Corrupt checkpoint file '{file}': cannot parse a SavedTensorSlices record ({e.Message}).", e);
                }

                if (key.Length == 0)
                {
                    foreach (var m in sts.Meta?.Tensor ?? [])
                    {
                        CheckpointShapes.FromProto(m.Shape, file, m.Name);
                        _meta.TryAdd(m.Name, m);
                    }
                }
                else if (sts.Data is { } data)
                {
                    if (!_slices.TryGetValue(data.Name, out var list))
                    {
                        _slices[data.Name] = list = [];
                    }

                    list.Add((data, file));
                }
            }
        }

        if (_meta.Count == 0 && _slices.Count > 0)
        {
            throw Coding.Corrupt(files[0], "the V1 checkpoint has slices but no metadata entry");
        }
    }

    public IEnumerable<string> Names => _meta.Keys.Order(StringComparer.Ordinal);

    public bool Contains(string name) => _meta.ContainsKey(name);

    public (DataType DType, int[] Shape) Describe(string name)
    {
        var m = Meta(name);
        return (m.Type, CheckpointShapes.FromProto(m.Shape, _pattern, name));
    }

    /// <summary>The full tensor <paramref name="name"/>, assembled from its saved slices.</summary>
    public NDArray Read(string name)
    {
        var meta = Meta(name);
        var dtype = CheckpointShapes.ToDType(meta.Type, name);
        var dims = CheckpointShapes.FromProto(meta.Shape, _pattern, name);
        var full = NDArray.Zeros(dtype, Shape.Own(dims));
        long covered = 0;
        foreach (var (slice, file) in _slices.GetValueOrDefault(name) ?? [])
        {
            var (start, length) = Extents(slice.Slice, dims, file, name);
            long count = 1;
            foreach (var l in length)
            {
                count *= l;
            }

            var values = SliceValues(slice.Data, dtype, count, file, name);
            CopySlice(values, full.RawData, dims, start, length);
            covered += count;
        }

        if (covered != full.Size)
        {
            throw Coding.Corrupt(_pattern, $"the slices of tensor '{name}' cover {covered} of its {full.Size} elements");
        }

        return full;
    }

    private SavedSliceMeta Meta(string name) => _meta.TryGetValue(name, out var m)
        ? m
        : throw new KeyNotFoundException($"Key {name} not found in checkpoint '{_pattern}'.");

    private static (int[] Start, int[] Length) Extents(TensorSliceProto? slice, int[] dims, string file, string name)
    {
        var start = new int[dims.Length];
        var length = (int[])dims.Clone();
        var extents = slice?.Extent;
        if (extents is not null && extents.Count != 0 && extents.Count != dims.Length)
        {
            throw Coding.Corrupt(file, $"a slice of tensor '{name}' has rank {extents.Count}, the tensor {dims.Length}");
        }

        for (int i = 0; extents is not null && i < extents.Count; i++)
        {
            var e = extents[i];
            long s = e.Start;
            long l = e.HasLength ? e.Length : dims[i] - s;
            if (s < 0 || l < 0 || s > dims[i] || l > dims[i] - s)
            {
                throw Coding.Corrupt(file, $"a slice of tensor '{name}' (start {s}, length {l}) lies outside dimension {i} of size {dims[i]}");
            }

            start[i] = (int)s;
            length[i] = (int)l;
        }

        return (start, length);
    }

    private static Array SliceValues(TensorProto? proto, DType dtype, long count, string file, string name)
    {
        if (proto is null)
        {
            throw Coding.Corrupt(file, $"a slice of tensor '{name}' has no data");
        }

        if (!proto.TensorContent.IsEmpty)
        {
            return TensorBytes.Decode(proto.TensorContent.Span, dtype, Shape.Own([(int)Math.Min(count, int.MaxValue)]), file, name).RawData;
        }

        Array values = dtype.Code switch
        {
            1 => proto.FloatVal.ToArray(),
            2 => proto.DoubleVal.ToArray(),
            3 => proto.IntVal.ToArray(),
            4 => proto.IntVal.Select(v => (byte)v).ToArray(),
            7 => proto.StringVal.Select(s => s.ToByteArray()).ToArray(),
            9 => proto.Int64Val.ToArray(),
            10 => proto.BoolVal.ToArray(),
            _ => throw new InvalidArgumentException($"Tensor '{name}' has unsupported dtype {dtype}."),
        };
        return values.Length == count
            ? values
            : throw Coding.Corrupt(file, $"a slice of tensor '{name}' needs {count} values but holds {values.Length}");
    }

    // Copies a row-major slice into the full tensor one innermost run at a time.
    private static void CopySlice(Array values, Array full, int[] dims, int[] start, int[] length)
    {
        int rank = dims.Length;
        if (rank == 0)
        {
            Array.Copy(values, 0, full, 0, 1);
            return;
        }

        int run = length[rank - 1];
        if (run == 0 || Array.Exists(length, l => l == 0))
        {
            return;
        }

        var index = new int[rank - 1];
        int src = 0;
        while (true)
        {
            long dst = 0;
            for (int d = 0; d < rank; d++)
            {
                dst = (dst * dims[d]) + start[d] + (d < rank - 1 ? index[d] : 0);
            }

            Array.Copy(values, src, full, dst, run);
            src += run;
            int k = rank - 2;
            while (k >= 0 && ++index[k] == length[k])
            {
                index[k--] = 0;
            }

            if (k < 0)
            {
                return;
            }
        }
    }
}
