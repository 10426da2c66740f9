namespace StaticGraph;

/// <summary>A hyper-parameter that is a number or a tensor (a decayed learning rate): what TF1 optimizers accept
/// as <c>learning_rate</c>. Numbers become float32 constants, as in TF.</summary>
public readonly struct LearningRate
{
    private LearningRate(double value, Tensor? tensor)
    {
        Value = value;
        Tensor = tensor;
    }

    /// <summary>The number (when not a tensor).</summary>
    public double Value { get; }

    /// <summary>The tensor, or null for a number.</summary>
    public Tensor? Tensor { get; }

    /// <summary>A constant rate.</summary>
    public static implicit operator LearningRate(double value) => new(value, null);

    /// <summary>A rate computed in the graph (a schedule).</summary>
    public static implicit operator LearningRate(Tensor tensor) => new(0, tensor ?? throw new ArgumentNullException(nameof(tensor)));

    /// <summary>A rate held in a variable.</summary>
    public static implicit operator LearningRate(Variable variable) => new(0, (variable ?? throw new ArgumentNullException(nameof(variable))).Value);

    /// <summary>CA2225 alternate for the implicit conversion from a number.</summary>
    public static LearningRate FromDouble(double value) => value;

    /// <summary>CA2225 alternate for the implicit conversion from a tensor.</summary>
    public static LearningRate FromTensor(Tensor tensor) => tensor;

    /// <summary>The rate as a tensor named <paramref name="name"/> (a float32 constant for a number).</summary>
    internal Tensor ToTensor(string name) => Tensor ?? tf.constant((float)Value, name: name);

    /// <summary>The number or the tensor's name.</summary>
    public override string ToString() => Tensor?.Name ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
