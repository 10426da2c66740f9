namespace StaticGraph;

/// <summary>The <c>weights</c> argument of <c>tf.losses.*</c>: a number (TF1's default <c>1.0</c>) or a tensor that
/// broadcasts against the per-element losses (a per-example vector). The default value is 1.</summary>
public readonly struct LossWeights : IEquatable<LossWeights>
{
    private readonly double? _value;

    private LossWeights(double? value, Tensor? tensor)
    {
        _value = value;
        Tensor = tensor;
    }

    /// <summary>The number (1 by default) when <see cref="Tensor"/> is null.</summary>
    public double Value => _value ?? 1.0;

    /// <summary>The weight tensor, or null for a number.</summary>
    public Tensor? Tensor { get; }

    /// <summary>A scalar weight.</summary>
    public static implicit operator LossWeights(double value) => new(value, null);

    /// <summary>A weight tensor.</summary>
    public static implicit operator LossWeights(Tensor tensor) => new(null, tensor ?? throw new ArgumentNullException(nameof(tensor)));

    /// <summary>CA2225 alternate for the conversion from a number.</summary>
    public static LossWeights FromDouble(double value) => value;

    /// <summary>CA2225 alternate for the conversion from a tensor.</summary>
    public static LossWeights FromTensor(Tensor tensor) => tensor;

    /// <inheritdoc/>
    public bool Equals(LossWeights other) => Value.Equals(other.Value) && ReferenceEquals(Tensor, other.Tensor);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LossWeights w && Equals(w);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Tensor);

    /// <summary>Value equality.</summary>
    public static bool operator ==(LossWeights left, LossWeights right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(LossWeights left, LossWeights right) => !left.Equals(right);

    /// <summary>The tensor's name or the number.</summary>
    public override string ToString() => Tensor?.Name ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
