namespace StaticGraph;

/// <summary>Something a <see cref="Session"/> can run: a <see cref="Tensor"/> (fetched as a value), an
/// <see cref="Operation"/> (run as a target, fetched as <c>null</c>) or a <see cref="Variable"/> (its value).</summary>
public interface IFetchable
{
    /// <summary>The graph the fetch belongs to.</summary>
    Graph Graph { get; }
}
