namespace StaticGraph;

/// <summary>The <c>reuse</c> argument of <c>tf.variable_scope</c>: <c>true</c>, <c>false</c> (inherit the enclosing
/// scope's setting, as TF1's <c>None</c>/<c>False</c>) or <c>tf.AUTO_REUSE</c> (create when missing, else
/// reuse).</summary>
public readonly struct VariableReuse : IEquatable<VariableReuse>
{
    private VariableReuse(int mode) => Mode = mode;

    /// <summary>0 inherit, 1 reuse, 2 auto.</summary>
    internal int Mode { get; }

    /// <summary>Create variables that do not exist yet, reuse those that do (<c>tf.AUTO_REUSE</c>).</summary>
    public static VariableReuse AutoReuse { get; } = new(2);

    /// <summary><c>true</c> reuses existing variables; <c>false</c> inherits the enclosing scope's setting.</summary>
    public static implicit operator VariableReuse(bool reuse) => new(reuse ? 1 : 0);

    /// <summary>CA2225 alternate for the implicit conversion.</summary>
    public static VariableReuse FromBoolean(bool reuse) => reuse;

    /// <inheritdoc/>
    public bool Equals(VariableReuse other) => Mode == other.Mode;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is VariableReuse r && Equals(r);

    /// <inheritdoc/>
    public override int GetHashCode() => Mode;

    /// <summary>Value equality.</summary>
    public static bool operator ==(VariableReuse left, VariableReuse right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(VariableReuse left, VariableReuse right) => !left.Equals(right);

    /// <summary>TF1's spelling: <c>True</c>, <c>False</c>, <c>AUTO_REUSE</c>.</summary>
    public override string ToString() => Mode switch { 1 => "True", 2 => "AUTO_REUSE", _ => "False" };
}
