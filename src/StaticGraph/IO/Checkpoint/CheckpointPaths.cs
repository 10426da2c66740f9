namespace StaticGraph.IO;

/// <summary>TensorFlow's checkpoint file names: <c>prefix.index</c>, <c>prefix.data-00000-of-00001</c>, sharded V1
/// names <c>prefix-00000-of-00001</c>, and the temporary names files are written under before being renamed.</summary>
internal static class CheckpointPaths
{
    public static string IndexFile(string prefix) => prefix + ".index";

    public static string DataFile(string prefix, int shard, int numShards) =>
        $"{prefix}.data-{shard:D5}-of-{numShards:D5}";

    /// <summary>TF's <c>ShardedFilename</c>: <c>basename-00003-of-00008</c>.</summary>
    public static string ShardedFilename(string basename, long shard, long numShards) =>
        $"{basename}-{shard:D5}-of-{numShards:D5}";

    public static string TempName(string path) => $"{path}.tempstate{Environment.ProcessId}_{Guid.NewGuid():N}";

    /// <summary>True when a V2 bundle (its <c>.index</c>) exists at <paramref name="prefix"/>.</summary>
    public static bool IsV2(string prefix) => File.Exists(IndexFile(prefix));

    /// <summary>The V1 files matching <paramref name="pattern"/> (a file name, or a <c>?</c>/<c>*</c> pattern such as
    /// <c>model.ckpt-3000-?????-of-00001</c>), sorted; empty when none.</summary>
    public static string[] MatchV1(string pattern)
    {
        if (File.Exists(pattern))
        {
            return [pattern];
        }

        string? dir = Path.GetDirectoryName(pattern);
        string name = Path.GetFileName(pattern);
        dir = string.IsNullOrEmpty(dir) ? "." : dir;
        if (name.Length == 0 || !Directory.Exists(dir))
        {
            return [];
        }

        var candidates = name.Contains('?', StringComparison.Ordinal) || name.Contains('*', StringComparison.Ordinal)
            ? Directory.GetFiles(dir, name)
            : Directory.GetFiles(dir, name + "-?????-of-?????");
        Array.Sort(candidates, StringComparer.Ordinal);
        return candidates;
    }

    /// <summary>Every file of the checkpoint <paramref name="prefix"/> (V2 index and data shards, <c>.meta</c>, V1 files).</summary>
    public static IEnumerable<string> FilesOf(string prefix)
    {
        string? dir = Path.GetDirectoryName(prefix);
        dir = string.IsNullOrEmpty(dir) ? "." : dir;
        string name = Path.GetFileName(prefix);
        if (!Directory.Exists(dir) || name.Length == 0)
        {
            return [];
        }

        var files = new List<string>();
        foreach (var f in Directory.EnumerateFiles(dir, name + ".*"))
        {
            string rest = Path.GetFileName(f)[name.Length..];
            if (rest is ".index" or ".meta" || rest.StartsWith(".data-", StringComparison.Ordinal))
            {
                files.Add(f);
            }
        }

        if (File.Exists(prefix))
        {
            files.Add(prefix);
        }

        return files;
    }
}
