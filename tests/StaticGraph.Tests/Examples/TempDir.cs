namespace StaticGraph.Tests.Examples;

/// <summary>A fresh folder under the system temp path, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempDir() => Directory.CreateDirectory(Path);

    /// <summary>The folder's path.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "staticgraph-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
