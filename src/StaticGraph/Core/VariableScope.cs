namespace StaticGraph;

/// <summary>
/// An open variable scope (<c>using (var scope = tf.variable_scope("layer1")) { ... }</c>): the prefix of the
/// variables <c>tf.get_variable</c> creates, whether they are reused, and default initializer/regularizer.
/// Opening it also opens a name scope for ops (which, unlike the variable names, is uniquified).
/// </summary>
public sealed class VariableScope : IDisposable
{
    private readonly Graph _graph;
    private readonly VariableScope? _parent;
    private readonly NameScope? _nameScope;
    private readonly Action? _exit;
    private bool _disposed;

    internal VariableScope(Graph graph, VariableScope? parent, string name, int reuseMode, Initializer? initializer,
        Regularizer? regularizer, DType? dtype, NameScope? nameScope, Action? exit = null)
    {
        _exit = exit;
        _graph = graph;
        _parent = parent;
        Name = name;
        ReuseMode = reuseMode;
        Initializer = initializer;
        Regularizer = regularizer;
        DType = dtype;
        _nameScope = nameScope;
        OriginalNameScope = nameScope?.Name ?? "";
    }

    /// <summary>The full scope name (<c>outer/inner</c>; empty at the root).</summary>
    public string Name { get; }

    /// <summary>The name scope opened for ops when this scope was entered (<c>outer/inner/</c>).</summary>
    public string OriginalNameScope { get; }

    /// <summary>0 create only, 1 reuse only, 2 auto.</summary>
    internal int ReuseMode { get; private set; }

    /// <summary>True when <c>tf.get_variable</c> returns existing variables here.</summary>
    public bool Reuse => ReuseMode != 0;

    /// <summary>The default initializer of variables created here (null: glorot_uniform for floats).</summary>
    public Initializer? Initializer { get; set; }

    /// <summary>The default regularizer of variables created here.</summary>
    public Regularizer? Regularizer { get; set; }

    /// <summary>The default dtype of variables created here (null: float32).</summary>
    public DType? DType { get; set; }

    /// <summary>From now on, <c>tf.get_variable</c> in this scope reuses existing variables (TF1
    /// <c>scope.reuse_variables()</c>).</summary>
    public void ReuseVariables()
    {
        if (ReuseMode == 0)
        {
            ReuseMode = 1;
        }
    }

    /// <summary>Leaves the scope (and its name scope).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _nameScope?.Dispose();
        _exit?.Invoke();
        _graph.CurrentVariableScope = _parent;
    }

    /// <summary>The scope name.</summary>
    public override string ToString() => Name;
}
