namespace StaticGraph;

/// <summary>The <c>training</c> argument of <c>tf.layers.dropout</c> and <c>tf.layers.batch_normalization</c>: a
/// Python bool fixed when the graph is built, or a boolean tensor (a placeholder) read at run time. The default value is
/// <c>false</c>.</summary>
public readonly struct TrainingFlag : IEquatable<TrainingFlag>
{
    private TrainingFlag(bool value, Tensor? tensor)
    {
        Value = value;
        Tensor = tensor;
    }

    /// <summary>The fixed value (when <see cref="Tensor"/> is null).</summary>
    public bool Value { get; }

    /// <summary>The boolean tensor decided at run time, or null.</summary>
    public Tensor? Tensor { get; }

    /// <summary>A value fixed at graph-construction time.</summary>
    public static implicit operator TrainingFlag(bool value) => new(value, null);

    /// <summary>A scalar bool tensor read at run time.</summary>
    public static implicit operator TrainingFlag(Tensor tensor) => new(false, tensor ?? throw new ArgumentNullException(nameof(tensor)));

    /// <summary>CA2225 alternate for the conversion from a bool.</summary>
    public static TrainingFlag FromBoolean(bool value) => value;

    /// <summary>CA2225 alternate for the conversion from a tensor.</summary>
    public static TrainingFlag FromTensor(Tensor tensor) => tensor;

    /// <inheritdoc/>
    public bool Equals(TrainingFlag other) => Value == other.Value && ReferenceEquals(Tensor, other.Tensor);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TrainingFlag t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Tensor);

    /// <summary>Value equality.</summary>
    public static bool operator ==(TrainingFlag left, TrainingFlag right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(TrainingFlag left, TrainingFlag right) => !left.Equals(right);

    /// <summary>The tensor's name or the bool.</summary>
    public override string ToString() => Tensor?.Name ?? Value.ToString();
}
