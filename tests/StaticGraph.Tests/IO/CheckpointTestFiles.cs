namespace StaticGraph.Tests.IO;

/// <summary>Locates ../shared/tf-artifacts (next to the repository root, the folder holding Graph.sln) and makes
/// scratch folders for checkpoint tests.</summary>
internal static class CheckpointTestFiles
{
    public static string Artifacts { get; } = FindArtifacts();

    public static string Artifact(string relative) => Path.Combine(Artifacts, relative);

    /// <summary>A new empty folder under the temp directory.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sg-ckpt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindArtifacts()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
        {
            dir = dir.Parent;
        }

        if (dir?.Parent is null)
        {
            throw new DirectoryNotFoundException($"No folder with Graph.sln above {AppContext.BaseDirectory}.");
        }

        string artifacts = Path.Combine(dir.Parent.FullName, "shared", "tf-artifacts");
        return Directory.Exists(artifacts)
            ? artifacts
            : throw new DirectoryNotFoundException($"TensorFlow artifacts folder {artifacts} is missing.");
    }
}
