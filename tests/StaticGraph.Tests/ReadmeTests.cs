using StaticGraph.Ops;

namespace StaticGraph.Tests;

public class ReadmeTests
{
    private const string Begin = "<!-- ops:begin -->", End = "<!-- ops:end -->";

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Graph.sln not found above the test binaries.");
    }

    /// <summary>The op table as the registry has it: op name, differentiable or not, grouped by family.</summary>
    internal static string OpTable()
    {
        var lines = new List<string> { "| family | ops (* = no gradient) |", "| --- | --- |" };
        foreach (var (name, defs) in OpRegistry.Families)
        {
            lines.Add($"| {name} | {string.Join(", ", defs.Select(d => d.NoGradient is not null ? d.Name + "*" : d.Name))} |");
        }

        return string.Join("\n", lines);
    }

    [Fact]
    public void Readme_lists_every_registered_op()
    {
        string path = Path.Combine(RepoRoot(), "README.md");
        string text = File.ReadAllText(path);
        int b = text.IndexOf(Begin, StringComparison.Ordinal), e = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(b >= 0 && e > b, "README.md lacks the ops markers");
        string expected = Begin + "\n" + OpTable() + "\n" + End;
        string actual = text[b..(e + End.Length)];
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            File.WriteAllText(path, text[..b] + expected + text[(e + End.Length)..]);
            return;
        }

        Assert.Equal(expected, actual);
    }
}
