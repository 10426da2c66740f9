namespace StaticGraph;

// Function bodies (tf.cond branches, tf.while_loop bodies) and the root graph's function library.
public sealed partial class Graph
{
    private readonly Dictionary<string, FuncGraph> _functions = new(StringComparer.Ordinal);

    /// <summary>The function this graph is the body of; null for an ordinary (root) graph.</summary>
    internal FuncGraph? Function { get; init; }

    /// <summary>The outermost enclosing graph: the one sessions run and variables live in.</summary>
    internal Graph Root => Function is null ? this : Function.Outer.Root;

    /// <summary>Every function body traced for this (root) graph, by name: its GraphDef's function library.</summary>
    internal IReadOnlyList<FuncGraph> Functions
    {
        get
        {
            lock (SyncRoot)
            {
                return _functions.Values.ToArray();
            }
        }
    }

    /// <summary>The library function named <paramref name="name"/>, or null.</summary>
    internal FuncGraph? TryGetFunction(string name)
    {
        lock (SyncRoot)
        {
            return _functions.GetValueOrDefault(name);
        }
    }

    internal void RegisterFunction(FuncGraph f)
    {
        lock (SyncRoot)
        {
            if (!_functions.TryAdd(f.Name, f))
            {
                throw new GraphException($"The function library already has a function named '{f.Name}'.");
            }
        }
    }

    /// <summary>A function name not yet in the library (<c>cond_true_0</c>, <c>cond_true_1</c>, ...).</summary>
    internal string UniqueFunctionName(string baseName)
    {
        string stem = baseName.Replace('/', '_');
        lock (SyncRoot)
        {
            for (int i = 0; ; i++)
            {
                string candidate = $"{stem}_{i}";
                if (!_functions.ContainsKey(candidate))
                {
                    return candidate;
                }
            }
        }
    }

    /// <summary>The graph a new op with <paramref name="inputs"/> belongs to: inside a function body being traced
    /// (the default graph is a body) that body, which captures outer inputs; otherwise the inputs' graph, as in TF1.</summary>
    internal static Graph For(IReadOnlyList<Tensor> inputs)
    {
        var current = Default;
        return current.Function is not null || inputs.Count == 0 ? current : inputs[0].Graph;
    }
}
