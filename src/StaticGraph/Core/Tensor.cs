namespace StaticGraph;

/// <summary>
/// A symbolic value in a graph: output <see cref="ValueIndex"/> of operation <see cref="Op"/>. Its
/// <see cref="Shape"/> is the static (possibly partial) shape inferred at build time; run it with a
/// <see cref="Session"/> to get an <see cref="NDArray"/>.
/// </summary>
public sealed partial class Tensor : IFetchable
{
    private Shape _shape;

    internal Tensor(Operation op, int valueIndex, DType dtype, Shape shape)
    {
        Op = op;
        ValueIndex = valueIndex;
        DType = dtype;
        _shape = shape;
    }

    /// <summary>The operation that produces this tensor.</summary>
    public Operation Op { get; }

    /// <summary>Which output of <see cref="Op"/> this is.</summary>
    public int ValueIndex { get; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The static shape inferred when the graph was built; <c>-1</c> marks unknown dimensions.</summary>
    public Shape Shape => _shape;

    /// <summary>TF's tensor name, <c>op_name:index</c>.</summary>
    public string Name => $"{Op.Name}:{ValueIndex}";

    /// <summary>The graph that holds the producing operation.</summary>
    public Graph Graph => Op.Graph;

    /// <summary>The operations that read this tensor, in creation order.</summary>
    public IReadOnlyList<Operation> Consumers() => Op.ConsumersOf(ValueIndex);

    /// <summary>Refines the static shape (TF1 <c>set_shape</c>); throws when <paramref name="shape"/> is not
    /// compatible with what is known.</summary>
    public void SetShape(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!_shape.IsCompatibleWith(shape))
        {
            throw new GraphException($"Tensor '{Name}' has shape {_shape}, which is not compatible with {shape}.");
        }

        _shape = _shape.MergeWith(shape);
    }

    /// <summary>Runs this tensor in the default session (see <c>tf.InteractiveSession</c>,
    /// <see cref="Session.AsDefault"/>).</summary>
    public NDArray Eval(FeedDict? feed = null) => Session.RequireDefault(nameof(Eval)).Run(this, feed);

    /// <summary>Runs this tensor in <paramref name="session"/>.</summary>
    public NDArray Eval(Session session, FeedDict? feed = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Run(this, feed);
    }

    /// <summary>TF1's text: <c>Tensor("add:0", shape=(2,), dtype=float32)</c>.</summary>
    public override string ToString() => $"Tensor(\"{Name}\", shape={Shape}, dtype={DType})";
}
