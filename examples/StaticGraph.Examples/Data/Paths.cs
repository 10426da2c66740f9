namespace StaticGraph.Examples.Data;

/// <summary>Locating data files and reading <c>--name value</c> options.</summary>
public static class Paths
{
    /// <summary>The first existing <paramref name="relative"/> path under the working directory, the executable's
    /// folder, or any of their parents.</summary>
    public static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The value after <c>--name</c>, or <paramref name="fallback"/>.</summary>
    public static string? Option(string[] args, string name, string? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        int i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>An integer option.</summary>
    public static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is string s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary>The shared hands-on-dl data folder of this checkout (../shared/datasets/hands-on-dl), if present.</summary>
    public static string? HandsOnDl(string file) => FindUp(Path.Combine("shared", "datasets", "hands-on-dl", file));
}
