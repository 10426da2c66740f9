namespace StaticGraph;

/// <summary>An open name scope (<c>using (tf.name_scope("layer1")) { ... }</c>); <see cref="Name"/> is the scope
/// string TF1's <c>as scope</c> gives, ending with '/'.</summary>
public sealed class NameScope : IDisposable
{
    private Action? _exit;

    internal NameScope(string name, Action exit)
    {
        Name = name;
        _exit = exit;
    }

    /// <summary>The full scope, e.g. <c>layer1/</c> (empty at the root).</summary>
    public string Name { get; }

    /// <summary>Leaves the scope.</summary>
    public void Dispose()
    {
        _exit?.Invoke();
        _exit = null;
    }

    /// <summary>The scope string.</summary>
    public override string ToString() => Name;

    /// <summary>The scope string (TF1 <c>with tf.name_scope(...) as scope</c>).</summary>
    public static implicit operator string(NameScope scope) => scope?.Name ?? "";
}
