using StaticGraph.IO;
using Tensorflow;

namespace StaticGraph;

/// <summary>
/// Reads the tensors of a TensorFlow checkpoint (<c>tf.train.NewCheckpointReader</c>): a V2 bundle
/// (<c>prefix.index</c> + <c>prefix.data-*</c>) or a V1 checkpoint (<c>prefix</c>, <c>prefix-00000-of-00001</c> or a
/// <c>?????</c> pattern), told apart by which files exist. Every checksum is verified before a value is returned; a
/// corrupt file raises <see cref="DataLossException"/> naming it.
/// </summary>
public sealed class CheckpointReader
{
    private readonly BundleReader? _v2;
    private readonly TensorSliceReader? _v1;

    /// <summary>Opens the checkpoint <paramref name="prefix"/>; <see cref="FileNotFoundException"/> when no
    /// checkpoint files exist there, <see cref="DataLossException"/> when they are corrupt.</summary>
    public CheckpointReader(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Prefix = prefix;
        if (CheckpointPaths.IsV2(prefix))
        {
            _v2 = new BundleReader(prefix);
            return;
        }

        var files = CheckpointPaths.MatchV1(prefix);
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"Unsuccessful TensorSliceReader constructor: Failed to find any matching files for {prefix}", prefix);
        }

        _v1 = new TensorSliceReader(prefix, files);
    }

    /// <summary>The checkpoint prefix this reader opened.</summary>
    public string Prefix { get; }

    /// <summary>True for a V2 (tensor bundle) checkpoint, false for V1.</summary>
    public bool IsV2 => _v2 is not null;

    /// <summary>True when the checkpoint holds a tensor named <paramref name="name"/>.</summary>
    public bool HasTensor(string name) => _v2?.Contains(name) ?? _v1!.Contains(name);

    /// <summary>The tensor <paramref name="name"/> (its CRC verified); <see cref="KeyNotFoundException"/> when absent.</summary>
    public NDArray GetTensor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _v2?.Read(name) ?? _v1!.Read(name);
    }

    /// <summary>Every tensor name mapped to its dimensions.</summary>
    public Dictionary<string, int[]> GetVariableToShapeMap() =>
        Names.ToDictionary(n => n, n => Describe(n).Shape, StringComparer.Ordinal);

    /// <summary>Every tensor name mapped to its dtype (an <see cref="InvalidArgumentException"/> for a dtype
    /// StaticGraph does not support).</summary>
    public Dictionary<string, DType> GetVariableToDataTypeMap() =>
        Names.ToDictionary(n => n, n => CheckpointShapes.ToDType(Describe(n).DType, n), StringComparer.Ordinal);

    /// <summary>Tensor names in sorted order.</summary>
    internal IEnumerable<string> Names => _v2?.Names.Order(StringComparer.Ordinal) ?? _v1!.Names;

    private (DataType DType, int[] Shape) Describe(string name) => _v2?.Describe(name) ?? _v1!.Describe(name);
}
