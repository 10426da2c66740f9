using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>TF1's <c>tf.train.ExponentialMovingAverage</c>: shadow variables <c>VAR/ExponentialMovingAverage</c> that
/// <see cref="Apply"/> moves towards their variables, shadow -= (1 - decay)·(shadow - var), with decay =
/// min(decay, (1 + num_updates)/(10 + num_updates)) when <c>num_updates</c> is given.</summary>
public sealed class ExponentialMovingAverage
{
    private readonly Dictionary<Variable, Variable> _averages = [];
    private readonly Tensor? _numUpdates;

    /// <summary>An averager with <paramref name="decay"/> (typically close to 1: 0.999) and optionally a step count
    /// <paramref name="num_updates"/> that lowers the decay early on.</summary>
    public ExponentialMovingAverage(double decay, Tensor? num_updates = null, bool zero_debias = false, string name = "ExponentialMovingAverage")
    {
        Decay = decay;
        _numUpdates = num_updates;
        ZeroDebias = zero_debias;
        Name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>The decay rate.</summary>
    public double Decay { get; }

    /// <summary>TF1's flag; it applies only to averages of plain tensors, which are zero-initialized. Variables' shadows
    /// start at the variable's initial value and are never debiased, as in TF1.</summary>
    public bool ZeroDebias { get; }

    /// <summary>The name of the update op and the suffix of the shadow variables.</summary>
    public string Name { get; }

    /// <summary>Creates the shadows of <paramref name="var_list"/> (default: the trainable variables) on first use and
    /// returns an operation that updates them all (named <see cref="Name"/>).</summary>
    public Operation Apply(Variable[]? var_list = null)
    {
        var vars = var_list ?? tf.trainable_variables().ToArray();
        var graph = vars.Length > 0 ? vars[0].Graph : Graph.Default;
        foreach (var v in vars)
        {
            if (!v.DType.IsFloating)
            {
                throw new GraphException($"The variables must be half, float, or double: {v.Name}");
            }

            if (!_averages.ContainsKey(v))
            {
                _averages[v] = CreateShadow(v);
                graph.AddToCollection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES, v);
            }
        }

        using var scope = graph.NameScope(Name);
        var decay = OpBuilder.Scalar(Decay, DType.Float32, graph, "decay");
        if (_numUpdates is Tensor steps)
        {
            var n = ArrayOps.Cast(steps, DType.Float32, "num_updates");
            decay = MathOps.Minimum(decay, (1 + n) / (10 + n), null);
        }

        var updates = new List<Operation>();
        foreach (var v in vars)
        {
            var shadow = _averages[v];
            using var update = graph.NameScope("AssignMovingAvg");
            var oneMinus = ArrayOps.Cast(1 - decay, v.DType, "decay");
            updates.Add(shadow.AssignSub((shadow.Value - v.Value) * oneMinus, update.Name));
        }

        return ArrayOps.NoOp(scope.Name, updates);
    }

    /// <summary>The shadow variable of <paramref name="var"/>, or null when <see cref="Apply"/> has not seen it.</summary>
    public Variable? Average(Variable var) => _averages.GetValueOrDefault(var);

    /// <summary>The shadow's name (<c>VAR/ExponentialMovingAverage</c>), also before it exists.</summary>
    public string AverageName(Variable var)
    {
        ArgumentNullException.ThrowIfNull(var);
        return _averages.TryGetValue(var, out var shadow) ? shadow.Op.Name : var.Op.Name + "/" + Name;
    }

    /// <summary>The checkpoint-name map that restores the averages into the variables (TF1's
    /// <c>variables_to_restore</c>): each trainable or averaged variable under its average's name, every other global
    /// variable under its own.</summary>
    public Dictionary<string, Variable> VariablesToRestore(IEnumerable<Variable>? moving_avg_variables = null)
    {
        var graph = Graph.Default;
        var averaged = (moving_avg_variables ?? tf.trainable_variables()
            .Concat(graph.GetCollection<Variable>(tf.GraphKeys.MOVING_AVERAGE_VARIABLES))).Distinct().ToList();
        var map = new Dictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var v in averaged)
        {
            map[AverageName(v)] = v;
        }

        foreach (var v in tf.global_variables().Except(averaged))
        {
            map.TryAdd(v.Op.Name, v);
        }

        return map;
    }

    /// <summary>TF1's slot: <c>VAR/NAME</c>, not trainable, starting at the variable's initial value (the same tensor,
    /// so both take the same draw of a random initializer when initialized together, as TF1's initialized_value
    /// gives).</summary>
    private Variable CreateShadow(Variable v)
    {
        var graph = v.Graph;
        using (graph.ControlDependencies(null))
        using (graph.OpenVariableScope(null, v.Op.Name + "/" + Name, null, null, null, null))
        {
            return graph.GetVariable("", v.Shape, v.DType, (_, _) => v.InitialValue, null, false, null);
        }
    }
}
