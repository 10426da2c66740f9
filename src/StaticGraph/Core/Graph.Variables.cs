using StaticGraph.Ops;

namespace StaticGraph;

// The variable store behind tf.variable_scope / tf.get_variable.
public sealed partial class Graph
{
    private readonly Dictionary<string, Variable> _variableStore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _variableScopeCounts = new(StringComparer.Ordinal);

    /// <summary>The innermost open variable scope (null at the root).</summary>
    internal VariableScope? CurrentVariableScope { get; set; }

    /// <summary>Opens a variable scope named <paramref name="name"/> under the current one, or, when
    /// <paramref name="name"/> is null, a unique one from <paramref name="defaultName"/> (<c>dense</c>,
    /// <c>dense_1</c>, ...).</summary>
    internal VariableScope OpenVariableScope(string? name, string? defaultName, VariableReuse? reuse, Initializer? initializer,
        Regularizer? regularizer, DType? dtype, bool openNameScope = true)
    {
        var parent = CurrentVariableScope;
        string prefix = parent is null || parent.Name.Length == 0 ? "" : parent.Name + "/";
        string full;
        string relative;
        lock (SyncRoot)
        {
            if (name is null)
            {
                if (string.IsNullOrEmpty(defaultName))
                {
                    throw new ArgumentException("tf.variable_scope needs a name or a default_name.", nameof(name));
                }

                // TF1's _get_unique_variable_scope: the first of default, default_1, ... not open under this parent.
                full = prefix + defaultName;
                if (_variableScopeCounts.GetValueOrDefault(full) > 0)
                {
                    int idx = 1;
                    while (_variableScopeCounts.GetValueOrDefault($"{full}_{idx}") > 0)
                    {
                        idx++;
                    }

                    full = $"{full}_{idx}";
                }
            }
            else
            {
                full = prefix + name;
            }

            relative = full[prefix.Length..];

            _variableScopeCounts[full] = _variableScopeCounts.GetValueOrDefault(full) + 1;
        }

        int mode = reuse?.Mode switch
        {
            1 => 1,
            2 => 2,
            _ => parent?.ReuseMode ?? 0,
        };
        if (mode == 0 && parent is not null && parent.ReuseMode != 0)
        {
            mode = parent.ReuseMode; // TF1: reuse cannot be switched off inside a reusing scope
        }

        var nameScope = openNameScope ? NameScope(relative) : null;
        var scope = new VariableScope(this, parent, full, mode, initializer ?? parent?.Initializer,
            regularizer ?? parent?.Regularizer, dtype ?? parent?.DType, nameScope, () => CloseVariableSubscopes(full));
        CurrentVariableScope = scope;
        return scope;
    }

    /// <summary>Re-enters <paramref name="scope"/> (its exact name and original name scope).</summary>
    internal VariableScope ReenterVariableScope(VariableScope scope, VariableReuse? reuse, Initializer? initializer, Regularizer? regularizer)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var parent = CurrentVariableScope;
        int mode = reuse?.Mode is int m && m != 0 ? m : scope.ReuseMode;
        var nameScope = NameScope(scope.OriginalNameScope.Length == 0 ? null : scope.OriginalNameScope);
        Dictionary<string, int> saved;
        lock (SyncRoot)
        {
            _variableScopeCounts[scope.Name] = _variableScopeCounts.GetValueOrDefault(scope.Name) + 1;
            saved = new(_variableScopeCounts, StringComparer.Ordinal);
        }

        // TF1 restores the counts on leaving a re-entered scope object.
        var entered = new VariableScope(this, parent, scope.Name, mode, initializer ?? scope.Initializer,
            regularizer ?? scope.Regularizer, scope.DType, nameScope, () => RestoreVariableScopeCounts(saved));
        CurrentVariableScope = entered;
        return entered;
    }

    /// <summary>TF1's <c>close_variable_subscopes</c>, run on leaving a scope opened by name: the default names of the
    /// scopes inside it become free again, so re-entering it (with reuse) finds <c>outer/dense</c>, not
    /// <c>outer/dense_1</c>.</summary>
    private void CloseVariableSubscopes(string scopeName)
    {
        lock (SyncRoot)
        {
            foreach (var key in _variableScopeCounts.Keys.Where(k => k.StartsWith(scopeName + "/", StringComparison.Ordinal)).ToArray())
            {
                _variableScopeCounts[key] = 0;
            }
        }
    }

    private void RestoreVariableScopeCounts(Dictionary<string, int> saved)
    {
        lock (SyncRoot)
        {
            _variableScopeCounts.Clear();
            foreach (var (key, count) in saved)
            {
                _variableScopeCounts[key] = count;
            }
        }
    }

    /// <summary>TF1's <c>tf.get_variable</c>: the variable <c>scope/name</c>, created or reused per the scope's reuse
    /// setting, with TF1's error texts.</summary>
    internal Variable GetVariable(string name, Shape? shape, DType? dtype, Initializer? initializer, Regularizer? regularizer,
        bool trainable, IEnumerable<string>? collections)
    {
        ArgumentNullException.ThrowIfNull(name);
        var scope = CurrentVariableScope;

        // An empty name means the scope's own name (how optimizers create slot variables such as W/Adam).
        string full = scope is null || scope.Name.Length == 0 ? name : name.Length == 0 ? scope.Name : scope.Name + "/" + name;
        if (full.Length == 0)
        {
            throw new ArgumentException("tf.get_variable needs a name.", nameof(name));
        }

        int reuse = scope?.ReuseMode ?? 0;
        var type = dtype ?? scope?.DType ?? DType.Float32;
        initializer ??= scope?.Initializer;
        regularizer ??= scope?.Regularizer;
        if (Function is not null)
        {
            // Variables outlive a function body (an RNN cell called inside tf.while_loop): they are created in, or
            // found in, the root graph, as TF1 lifts them out of loops, and the body captures their value.
            var root = Root;
            using (root.AsDefault())
            {
                return root.GetVariableNamed(full, reuse, shape, dtype, type, initializer, regularizer, trainable, collections);
            }
        }

        return GetVariableNamed(full, reuse, shape, dtype, type, initializer, regularizer, trainable, collections);
    }

    private Variable GetVariableNamed(string full, int reuse, Shape? shape, DType? dtype, DType type, Initializer? initializer,
        Regularizer? regularizer, bool trainable, IEnumerable<string>? collections)
    {
        lock (SyncRoot)
        {
            if (_variableStore.TryGetValue(full, out var existing))
            {
                if (reuse == 0)
                {
                    throw new GraphException(
                        $"Variable {full} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?");
                }

                if (shape is not null && !shape.IsCompatibleWith(existing.Shape))
                {
                    throw new GraphException(
                        $"Trying to share variable {full}, but specified shape {shape} and found shape {existing.Shape}.");
                }

                if (dtype is DType d && d != existing.DType)
                {
                    throw new GraphException(
                        $"Trying to share variable {full}, but specified dtype {d} and found dtype {existing.DType}.");
                }

                return existing;
            }

            if (reuse == 1)
            {
                throw new GraphException(
                    $"Variable {full} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?");
            }
        }

        if (shape is null || !shape.IsFullyDefined)
        {
            throw new GraphException($"Shape of a new variable ({full}) must be fully defined, but instead was {shape?.ToString() ?? "<unknown>"}.");
        }

        var init = initializer
            ?? (type.IsFloating ? Train.Initializers.GlorotUniform(null) : Train.Initializers.Zeros());
        Variable v;
        using (NameScope(null))
        {
            v = new Variable(this, () => init(shape, type), true, trainable, full + "/", type, collections);
        }

        lock (SyncRoot)
        {
            _variableStore[full] = v;
        }

        var reg = regularizer;
        if (reg is not null)
        {
            using (NameScope(full + "/Regularizer/"))
            {
                if (reg(v.Value) is Tensor loss)
                {
                    AddToCollection(tf.GraphKeys.REGULARIZATION_LOSSES, loss);
                }
            }
        }

        return v;
    }
}
