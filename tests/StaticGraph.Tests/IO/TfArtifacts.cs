using Tensorflow;

namespace StaticGraph.Tests.IO;

/// <summary>The real TensorFlow-written files in ../shared/tf-artifacts (next to the repository root, the folder
/// holding Graph.sln). CI has them; a missing folder fails loudly rather than skipping.</summary>
internal static class TfArtifacts
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
            {
                string artifacts = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "tf-artifacts"));
                return Directory.Exists(artifacts)
                    ? artifacts
                    : throw new DirectoryNotFoundException($"TF artifacts folder not found at {artifacts} (expected next to the repository root).");
            }
        }

        throw new DirectoryNotFoundException($"No folder holding Graph.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static IEnumerable<string> Find(string pattern) =>
        Directory.EnumerateFiles(Root, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(Root, path);

    /// <summary>Every MetaGraphDef TF wrote here: the .meta files and each SavedModel's meta graphs, with their
    /// paths relative to <see cref="Root"/>.</summary>
    public static IEnumerable<(string Path, MetaGraphDef Meta)> MetaGraphs()
    {
        foreach (string f in Find("*.meta"))
        {
            yield return (Relative(f), MetaGraphDef.Parser.ParseFrom(File.ReadAllBytes(f)));
        }

        foreach (string f in Find("saved_model.pb"))
        {
            foreach (var meta in SavedModel.Parser.ParseFrom(File.ReadAllBytes(f)).MetaGraphs)
            {
                yield return (Relative(f), meta);
            }
        }
    }

    /// <summary>Every GraphDef TF wrote here: frozen .pb and text .pbtxt graphs, and the graph of each meta graph.</summary>
    public static IEnumerable<(string Path, GraphDef Graph)> GraphDefs()
    {
        foreach (string f in Find("*.pb").Where(f => Path.GetFileName(f) is not ("saved_model.pb" or "fingerprint.pb")))
        {
            yield return (Relative(f), GraphDef.Parser.ParseFrom(File.ReadAllBytes(f)));
        }

        foreach (string f in Find("*.pbtxt"))
        {
            yield return (Relative(f), TextFormat.Parse<GraphDef>(File.ReadAllText(f)));
        }

        foreach (var (path, meta) in MetaGraphs())
        {
            yield return (path, meta.GraphDef);
        }
    }
}
