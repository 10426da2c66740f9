namespace StaticGraph.Ops;

/// <summary>Every op StaticGraph knows, by TensorFlow op name. The families' explicit lists are the registry: no
/// reflection, no static registration side effects.</summary>
internal static class OpRegistry
{
    /// <summary>The op families with their ops, in the order the README lists them.</summary>
    public static IReadOnlyList<(string Family, IReadOnlyList<OpDef> Ops)> Families { get; } =
    [
        ("Array", [.. ArrayOps.Defs]),
        ("Math", [.. MathOps.Defs]),
        ("Reduction", [.. ReduceOps.Defs]),
        ("Shape manipulation", [.. ManipulationOps.Defs]),
        ("Neural network", [.. NnOps.Defs]),
        ("Convolution", [.. ConvOps.Defs]),
        ("State", [.. StateOps.Defs]),
        ("Random", [.. RandomOps.Defs]),
        ("Autodiff support", [.. AutodiffOps.Defs]),
        ("Training", [.. TrainingOps.Defs]),
        ("Special math", [.. SpecialMathOps.Defs]),
        ("Indexing", [.. IndexOps.Defs]),
        ("Linear algebra", [.. LinalgOps.Defs]),
        ("Checkpoint", [.. CheckpointOps.Defs]),
        ("Runtime", [.. RuntimeOps.Defs]),
        ("Summary", [.. SummaryOps.Defs]),
        ("Control flow", [.. ControlFlowOps.Defs]),
    ];

    /// <summary>All registered ops, family by family.</summary>
    public static IReadOnlyList<OpDef> All { get; } = Families.SelectMany(f => f.Ops).ToArray();

    private static readonly Lazy<Dictionary<string, OpDef>> ByName = new(() =>
    {
        var map = new Dictionary<string, OpDef>(StringComparer.Ordinal);
        foreach (var def in All)
        {
            if (!map.TryAdd(def.Name, def))
            {
                throw new InvalidOperationException($"Op '{def.Name}' is registered twice.");
            }
        }

        return map;
    });

    /// <summary>The op named <paramref name="name"/>; a <see cref="GraphException"/> when unknown.</summary>
    public static OpDef Get(string name) => ByName.Value.TryGetValue(name, out var def)
        ? def
        : throw new GraphException($"Op type not registered '{name}'.");

    /// <summary>True when <paramref name="name"/> is a registered op.</summary>
    public static bool Contains(string name) => ByName.Value.ContainsKey(name);
}
