using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// The text-format <see cref="CheckpointState"/> file (<c>checkpoint</c>) that names a folder's latest checkpoint,
/// as TF1's <c>checkpoint_management</c> reads and writes it: relative paths are relative to the folder, the file
/// is replaced atomically (written under a temporary name, then renamed).
/// </summary>
internal static class CheckpointStateFile
{
    public const string DefaultName = "checkpoint";

    /// <summary>TF's <c>get_checkpoint_state</c>: the state in <paramref name="dir"/> with relative paths joined to
    /// <paramref name="dir"/>; null when the file is missing or does not parse (TF logs and returns None).</summary>
    public static CheckpointState? Read(string dir, string? latestFilename)
    {
        string path = Path.Combine(dir, latestFilename ?? DefaultName);
        if (!File.Exists(path))
        {
            return null;
        }

        CheckpointState state;
        try
        {
            state = CheckpointStateText.Parse(File.ReadAllText(path));
        }
        catch (FormatException)
        {
            return null; // TextFormatException derives from FormatException
        }

        if (string.IsNullOrEmpty(state.ModelCheckpointPath))
        {
            throw new InvalidArgumentException($"Invalid checkpoint state loaded from {dir}");
        }

        state.ModelCheckpointPath = Resolve(dir, state.ModelCheckpointPath);
        for (int i = 0; i < state.AllModelCheckpointPaths.Count; i++)
        {
            state.AllModelCheckpointPaths[i] = Resolve(dir, state.AllModelCheckpointPaths[i]);
        }

        return state;
    }

    /// <summary>Writes the state file in <paramref name="dir"/>. As TF's <c>update_checkpoint_state</c>: with
    /// <paramref name="relative"/>, or when <paramref name="dir"/> is itself relative, paths are stored relative to
    /// <paramref name="dir"/>; <paramref name="model"/> is appended to <paramref name="all"/> when it is not last.</summary>
    public static void Write(string dir, string model, IReadOnlyList<string> all, string? latestFilename, bool relative)
    {
        bool makeRelative = relative || !Path.IsPathRooted(dir);
        string Store(string p) => makeRelative && (relative || !Path.IsPathRooted(p))
            ? Path.GetRelativePath(string.IsNullOrEmpty(dir) ? "." : dir, p)
            : p;

        var state = new CheckpointState { ModelCheckpointPath = Store(model) };
        state.AllModelCheckpointPaths.AddRange(all.Select(Store));
        if (all.Count == 0 || all[^1] != model)
        {
            state.AllModelCheckpointPaths.Add(Store(model));
        }

        string path = Path.Combine(dir, latestFilename ?? DefaultName);
        string temp = CheckpointPaths.TempName(path);
        try
        {
            File.WriteAllText(temp, CheckpointStateText.Print(state));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>TF's <c>latest_checkpoint</c>: the state's model path when its files exist, else null.</summary>
    public static string? Latest(string dir, string? latestFilename)
    {
        var state = Read(dir, latestFilename);
        if (state is null)
        {
            return null;
        }

        string p = state.ModelCheckpointPath;
        return CheckpointPaths.IsV2(p) || CheckpointPaths.MatchV1(p).Length > 0 ? p : null;
    }

    private static string Resolve(string dir, string p) => Path.IsPathRooted(p) ? p : Path.Combine(dir, p);
}
