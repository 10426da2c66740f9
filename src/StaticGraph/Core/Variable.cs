using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>
/// A TF1 variable: a <c>VariableV2</c> node whose value persists across runs of a session, its initializer
/// (<c>name/Assign</c>) and its read snapshot (<c>name/read</c>). Converts implicitly to <see cref="Tensor"/>
/// (the snapshot) and has the same operators.
/// </summary>
public sealed partial class Variable : IFetchable
{
    internal Variable(Tensor initialValue, bool trainable, string? name, DType? dtype)
    {
        ArgumentNullException.ThrowIfNull(initialValue);
        var graph = initialValue.Graph;
        if (dtype is DType d && d != initialValue.DType)
        {
            throw new GraphException($"Variable '{name ?? "Variable"}': the initial value has dtype {initialValue.DType}, not the requested {d}.");
        }

        if (!initialValue.Shape.IsFullyDefined)
        {
            throw new GraphException(
                $"Variable '{name ?? "Variable"}': the initial value must have a fully defined shape, got {initialValue.Shape} (use validate_shape=false semantics via tf.get_variable later).");
        }

        // Variables ignore enclosing control-dependency scopes, as TF1's RefVariable does.
        using (graph.ControlDependencies(null))
        using (var scope = graph.NameScope(string.IsNullOrEmpty(name) ? "Variable" : name))
        {
            InitialValue = initialValue;
            Ref = graph.AddOperation("VariableV2", scope.Name, [], [new("shape", initialValue.Shape), new("dtype", initialValue.DType)]).Output;
            Initializer = StateOps.Assign(Ref, initialValue, true, "Assign");
            Value = ArrayOps.Identity(Ref, "read");
        }

        Trainable = trainable;
        graph.AddToCollection(tf.GraphKeys.GLOBAL_VARIABLES, this);
        if (trainable)
        {
            graph.AddToCollection(tf.GraphKeys.TRAINABLE_VARIABLES, this);
        }
    }

    /// <summary>The <c>VariableV2</c> output: the variable itself (TF1's ref tensor); gradients with respect to the
    /// variable are taken here.</summary>
    public Tensor Ref { get; }

    /// <summary>The read snapshot <c>name/read</c>, what the variable is when used as a tensor.</summary>
    public Tensor Value { get; }

    /// <summary>The tensor the initializer assigns.</summary>
    public Tensor InitialValue { get; }

    /// <summary>Assigns the initial value; running it again re-initializes.</summary>
    public Operation Initializer { get; }

    /// <summary>True when the variable is in <c>TRAINABLE_VARIABLES</c>.</summary>
    public bool Trainable { get; }

    /// <summary>The <c>VariableV2</c> operation.</summary>
    public Operation Op => Ref.Op;

    /// <summary>TF1's <c>var.name</c>: <c>W:0</c>.</summary>
    public string Name => Ref.Name;

    /// <summary>The element type.</summary>
    public DType DType => Ref.DType;

    /// <summary>The (fully defined) shape.</summary>
    public Shape Shape => Ref.Shape;

    /// <summary>The graph holding the variable.</summary>
    public Graph Graph => Ref.Graph;

    /// <summary>An operation setting the variable to <paramref name="value"/>.</summary>
    public Operation Assign(Tensor value, string? name = null) => StateOps.Assign(Ref, value, true, name);

    /// <summary>An operation adding <paramref name="value"/> to the variable.</summary>
    public Operation AssignAdd(Tensor value, string? name = null) => StateOps.AssignAdd(Ref, value, name);

    /// <summary>An operation subtracting <paramref name="value"/> from the variable.</summary>
    public Operation AssignSub(Tensor value, string? name = null) => StateOps.AssignSub(Ref, value, name);

    /// <summary>The variable's value in the default session.</summary>
    public NDArray Eval(FeedDict? feed = null) => Value.Eval(feed);

    /// <summary>The variable's value in <paramref name="session"/>.</summary>
    public NDArray Eval(Session session, FeedDict? feed = null) => Value.Eval(session, feed);

    /// <summary>The read snapshot.</summary>
    public static implicit operator Tensor(Variable variable) => (variable ?? throw new ArgumentNullException(nameof(variable))).Value;

    /// <summary>The read snapshot (CA2225 alternate for the implicit conversion).</summary>
    public Tensor ToTensor() => Value;

    /// <summary>TF1's text: <c>&lt;tf.Variable 'W:0' shape=(784, 10) dtype=float32_ref&gt;</c>.</summary>
    public override string ToString() => $"<tf.Variable '{Name}' shape={Shape} dtype={DType}_ref>";
}
