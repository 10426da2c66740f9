using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>
/// A TensorFlow-1 computation graph: an append-only list of <see cref="Operation"/>s (so creation order is a
/// topological order), unique names with name scopes, control-dependency scopes, collections and a graph-level
/// random seed.
/// </summary>
public sealed partial class Graph
{
    private static readonly AsyncLocal<Graph?> ScopedDefault = new();
    private static Graph _globalDefault = new();

    private readonly List<Operation> _operations = [];
    private readonly Dictionary<string, Operation> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _namesInUse = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<object>> _collections = new(StringComparer.Ordinal);
    // TF1 keeps the name stack and the control-dependency stack per thread (graph._thread_local); AsyncLocal is the
    // .NET equivalent that also follows async flows, as the default graph does.
    private readonly AsyncLocal<string?> _nameScope = new();
    private readonly AsyncLocal<Operation[][]?> _controlDependencies = new();

    /// <summary>Guards graph mutation; building a graph from several threads is safe, as in TF1.</summary>
    internal object SyncRoot { get; } = new();

    /// <summary>The graph-level random seed (<c>tf.set_random_seed</c>); null when unset.</summary>
    public int? Seed { get; set; }

    /// <summary>All operations in creation order.</summary>
    public IReadOnlyList<Operation> Operations
    {
        get
        {
            lock (SyncRoot)
            {
                return _operations.ToArray();
            }
        }
    }

    /// <summary>Number of operations (TF1 <c>graph._last_id</c>, used for op-level seeds).</summary>
    public int OperationCount
    {
        get
        {
            lock (SyncRoot)
            {
                return _operations.Count;
            }
        }
    }

    /// <summary>The current name scope, ending with '/' (empty at the root).</summary>
    public string NameScopeString => _nameScope.Value ?? "";

    /// <summary>The default graph: the innermost <see cref="AsDefault"/> on this async flow, else the process-wide
    /// default (<c>tf.get_default_graph()</c>).</summary>
    public static Graph Default => ScopedDefault.Value ?? Volatile.Read(ref _globalDefault);

    /// <summary>Makes this graph the default until the returned scope is disposed.</summary>
    public IDisposable AsDefault()
    {
        var previous = ScopedDefault.Value;
        ScopedDefault.Value = this;
        return new Scope(() => ScopedDefault.Value = previous);
    }

    /// <summary>Replaces the process-wide default graph with a new empty one (<c>tf.reset_default_graph()</c>).</summary>
    internal static void ResetDefault()
    {
        if (ScopedDefault.Value is not null)
        {
            throw new InvalidOperationException(
                "Do not use tf.reset_default_graph() to clear nested graphs: it is not allowed inside a 'using (g.AsDefault())' block.");
        }

        Volatile.Write(ref _globalDefault, new Graph());
    }

    /// <summary>The operation named <paramref name="name"/>; throws naming it when absent.</summary>
    public Operation GetOperationByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (SyncRoot)
        {
            return _byName.TryGetValue(name, out var op)
                ? op
                : throw new KeyNotFoundException($"The name '{name}' refers to an Operation not in the graph.");
        }
    }

    /// <summary>The operation named <paramref name="name"/>, or null.</summary>
    public Operation? TryGetOperation(string name)
    {
        lock (SyncRoot)
        {
            return _byName.GetValueOrDefault(name);
        }
    }

    /// <summary>The tensor named <c>op_name:index</c>; throws naming it when absent.</summary>
    public Tensor GetTensorByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int colon = name.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(name.AsSpan(colon + 1), out int index))
        {
            throw new ArgumentException(
                $"The name '{name}' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".",
                nameof(name));
        }

        var op = GetOperationByName(name[..colon]);
        if (index < 0 || index >= op.Outputs.Count)
        {
            throw new KeyNotFoundException(
                $"The name '{name}' refers to a Tensor which does not exist. The operation, '{op.Name}', exists but only has {op.Outputs.Count} outputs.");
        }

        return op.Outputs[index];
    }

    /// <summary>Adds an operation of registered type <paramref name="type"/>: picks a unique name under the current
    /// name scope, attaches the active control dependencies, and runs the op's shape and dtype inference, which throws
    /// a <see cref="GraphException"/> naming the node when the inputs do not fit.</summary>
    internal Operation AddOperation(string type, string? name, IReadOnlyList<Tensor> inputs,
        IEnumerable<KeyValuePair<string, object>>? attrs = null, IEnumerable<Operation>? controlInputs = null)
    {
        var def = OpRegistry.Get(type);
        lock (SyncRoot)
        {
            Tensor[]? resolved = null;
            for (int i = 0; i < inputs.Count; i++)
            {
                var t = inputs[i];
                if (t.Graph != this)
                {
                    // Inside a function body an outer tensor becomes a capture argument.
                    resolved ??= inputs.ToArray();
                    resolved[i] = Function?.Capture(t)
                        ?? throw new GraphException($"Tensor '{t.Name}' must be from the same graph as the new '{type}' operation.");
                }
            }

            inputs = resolved ?? inputs;

            // A name ending in '/' is a name scope's own name (TF1's `as name` idiom) and is used exactly.
            string unique = name is not null && name.EndsWith('/') ? name[..^1] : UniqueName(string.IsNullOrEmpty(name) ? type : name);
            return AddOperationNamed(def, unique, inputs, new AttrMap(WithDefaults(def, attrs)), CurrentControlInputs(inputs, controlInputs));
        }
    }

    /// <summary>Adds an operation under an exact, already unique name (GraphDef import).</summary>
    internal Operation AddOperationNamed(OpDef def, string name, IReadOnlyList<Tensor> inputs, AttrMap attrs, Operation[] controlInputs)
    {
        lock (SyncRoot)
        {
            if (_byName.ContainsKey(name))
            {
                throw new GraphException($"Duplicate node name in graph: '{name}'.");
            }

            var ctx = new InferContext(name, def.Name, inputs, attrs);
            var outputs = def.Infer(ctx);
            var op = new Operation(this, _operations.Count, name, def, inputs.ToArray(), controlInputs, attrs, outputs);
            _operations.Add(op);
            _byName[name] = op;
            _namesInUse.TryAdd(name.ToLowerInvariant(), 1);
            foreach (var t in inputs)
            {
                t.Op.AddConsumer(t.ValueIndex, op);
            }

            return op;
        }
    }

    private static List<KeyValuePair<string, object>> WithDefaults(OpDef def, IEnumerable<KeyValuePair<string, object>>? attrs)
    {
        var given = attrs?.ToList() ?? [];
        foreach (var d in def.AttrDefaults)
        {
            if (!given.Exists(kv => kv.Key == d.Key))
            {
                given.Add(d);
            }
        }

        return given;
    }

    private Operation[] CurrentControlInputs(IReadOnlyList<Tensor> inputs, IEnumerable<Operation>? extra)
    {
        var result = new List<Operation>();
        foreach (var level in _controlDependencies.Value ?? [])
        {
            foreach (var op in level)
            {
                if (!result.Contains(op) && !inputs.Any(t => t.Op == op))
                {
                    result.Add(op);
                }
            }
        }

        if (extra is not null)
        {
            foreach (var op in extra)
            {
                if (!result.Contains(op))
                {
                    result.Add(op);
                }
            }
        }

        return result.ToArray();
    }

    /// <summary>TF1's <c>unique_name</c>: prefixes the current name scope and appends <c>_1</c>, <c>_2</c>, ...
    /// when the name (compared case-insensitively) is taken; the result is marked as used.</summary>
    public string UniqueName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (SyncRoot)
        {
            string full = NameScopeString + name;
            string key = full.ToLowerInvariant();
            if (_namesInUse.TryGetValue(key, out int count))
            {
                string candidate;
                do
                {
                    candidate = $"{full}_{count}";
                    count++;
                }
                while (_namesInUse.ContainsKey(candidate.ToLowerInvariant()));

                _namesInUse[key] = count;
                full = candidate;
                key = full.ToLowerInvariant();
            }

            _namesInUse[key] = 1;
            return full;
        }
    }

    /// <summary>Opens a name scope (TF1 <c>tf.name_scope</c>): <paramref name="name"/> is made unique under the current
    /// scope; a name ending in '/' re-enters that exact scope; null or empty returns to the root.</summary>
    public NameScope NameScope(string? name)
    {
        string previous = NameScopeString;
        string scope = string.IsNullOrEmpty(name) ? "" : name.EndsWith('/') ? name : UniqueName(name) + "/";
        _nameScope.Value = scope;
        return new NameScope(scope, () => _nameScope.Value = previous);
    }

    /// <summary>Operations created inside the returned scope get <paramref name="controlInputs"/> as control inputs
    /// (<c>tf.control_dependencies</c>); null clears the enclosing ones.</summary>
    public IDisposable ControlDependencies(IEnumerable<Operation>? controlInputs)
    {
        var ops = controlInputs?.ToArray();
        if (ops?.FirstOrDefault(op => op.Graph != this) is Operation foreign)
        {
            throw new GraphException($"Control input '{foreign.Name}' is not an element of this graph.");
        }

        var saved = _controlDependencies.Value;
        _controlDependencies.Value = ops is null ? [] : [.. saved ?? [], ops];
        return new Scope(() => _controlDependencies.Value = saved);
    }

    /// <summary>Adds <paramref name="value"/> to collection <paramref name="name"/> (see <see cref="tf.GraphKeys"/>).</summary>
    public void AddToCollection(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (SyncRoot)
        {
            if (!_collections.TryGetValue(name, out var list))
            {
                _collections[name] = list = [];
            }

            list.Add(value);
        }
    }

    /// <summary>The items of collection <paramref name="name"/> that are <typeparamref name="T"/>, in insertion
    /// order (a copy).</summary>
    public IReadOnlyList<T> GetCollection<T>(string name)
    {
        lock (SyncRoot)
        {
            return _collections.TryGetValue(name, out var list) ? list.OfType<T>().ToArray() : [];
        }
    }

    /// <summary>The names of all non-empty collections.</summary>
    public IReadOnlyList<string> CollectionKeys
    {
        get
        {
            lock (SyncRoot)
            {
                return _collections.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToArray();
            }
        }
    }

    private sealed class Scope(Action exit) : IDisposable
    {
        private Action? _exit = exit;

        public void Dispose()
        {
            _exit?.Invoke();
            _exit = null;
        }
    }
}
