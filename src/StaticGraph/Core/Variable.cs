using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>
/// A TF1 variable: a <c>VariableV2</c> node whose value persists across runs of a session, its initializer
/// (<c>name/Assign</c>) and its read snapshot (<c>name/read</c>). Converts implicitly to <see cref="Tensor"/>
/// (the snapshot) and has the same operators.
/// </summary>
public sealed partial class Variable : IFetchable
{
    /// <summary>A variable initialized to <paramref name="initialValue"/> (<c>tf.Variable</c>).</summary>
    internal Variable(Tensor initialValue, bool trainable, string? name, DType? dtype)
        : this((initialValue ?? throw new ArgumentNullException(nameof(initialValue))).Graph, () => initialValue, false, trainable, name, dtype, null)
    {
    }

    /// <summary>Creates the variable's nodes under the name scope <paramref name="name"/> (a name ending in '/' is
    /// used exactly): <c>name</c> (VariableV2), <c>name/Assign</c>, <c>name/read</c>. With
    /// <paramref name="fromInitializer"/> the initial value is built inside <c>name/Initializer/</c>, as TF1 does for
    /// <c>tf.get_variable</c>.</summary>
    internal Variable(Graph graph, Func<Tensor> initialValue, bool fromInitializer, bool trainable, string? name, DType? dtype,
        IEnumerable<string>? collections)
    {
        string label = string.IsNullOrEmpty(name) ? "Variable" : name.TrimEnd('/');

        // Variables ignore enclosing control-dependency scopes, as TF1's RefVariable does.
        using (graph.ControlDependencies(null))
        using (var scope = graph.NameScope(string.IsNullOrEmpty(name) ? "Variable" : name))
        {
            Tensor init;
            if (fromInitializer)
            {
                using (graph.NameScope("Initializer"))
                {
                    init = initialValue();
                }
            }
            else
            {
                init = initialValue();
            }

            if (dtype is DType d && d != init.DType)
            {
                throw new GraphException($"Variable '{label}': the initial value has dtype {init.DType}, not the requested {d}.");
            }

            if (!init.Shape.IsFullyDefined)
            {
                throw new GraphException($"Variable '{label}': the initial value must have a fully defined shape, got {init.Shape}.");
            }

            InitialValue = init;
            Ref = graph.AddOperation("VariableV2", scope.Name, [], [new("shape", init.Shape), new("dtype", init.DType)]).Output;
            Initializer = StateOps.Assign(Ref, init, true, "Assign");
            Value = ArrayOps.Identity(Ref, "read");
        }

        Trainable = trainable;
        foreach (var key in collections ?? (trainable
            ? [tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.TRAINABLE_VARIABLES]
            : [tf.GraphKeys.GLOBAL_VARIABLES]))
        {
            graph.AddToCollection(key, this);
        }
    }

    /// <summary>Adopts a variable's existing nodes (an imported MetaGraph's <c>VariableDef</c>): the
    /// <c>VariableV2</c>/<c>Variable</c> output <paramref name="variable"/>, its initializer op, its read snapshot and
    /// initial value. Adds it to no collection.</summary>
    internal Variable(Tensor variable, Operation initializer, Tensor snapshot, Tensor initialValue, bool trainable)
    {
        if (variable.Op.Type is not ("VariableV2" or "Variable"))
        {
            throw new GraphException($"'{variable.Name}' is a {variable.Op.Type}, not a VariableV2 or Variable (resource variables are not supported).");
        }

        Ref = variable;
        Initializer = initializer;
        Value = snapshot;
        InitialValue = initialValue;
        Trainable = trainable;
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
