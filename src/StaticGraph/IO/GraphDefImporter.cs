using System.Globalization;
using StaticGraph.Ops;
using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// Adds a TensorFlow <c>GraphDef</c> to a <see cref="Graph"/> (<c>tf.import_graph_def</c>): checks the whole
/// GraphDef first (duplicate names, unknown op types all at once, dangling inputs, cycles, input_map and
/// return_elements names), then sorts the nodes topologically once and adds exactly one operation per node.
/// </summary>
internal static class GraphDefImporter
{
    /// <summary>From this producer on, a Placeholder's <c>shape {}</c> means a scalar; before, it meant unknown
    /// (TF's version.h, version 22).</summary>
    private const int PlaceholderShapeEnforcedProducer = 22;

    private readonly record struct Input(string Node, int Index, bool IsControl)
    {
        public string Key => $"{Node}:{Index}";
    }

    public static IFetchable[] Import(Graph graph, GraphDef graphDef, IReadOnlyDictionary<string, Tensor>? inputMap,
        IReadOnlyList<string>? returnElements, string? name, Func<string, FuncGraph>? functions = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(graphDef);
        functions ??= graphDef.Library is { Function.Count: > 0 } library ? FunctionDefConverter.ImportLibrary(graph, library) : null;
        var nodes = graphDef.Node;
        var index = IndexNodes(nodes);
        CheckOpTypes(nodes);
        var inputs = nodes.Select(n => n.Input.Select(s => ParseInput(n.Name, s)).ToArray()).ToArray();
        var mapped = NormalizeInputMap(graph, inputMap, index);
        var order = TopologicalOrder(nodes, inputs, index, mapped);
        CheckReturnElements(returnElements, index);

        string prefix = name is "" ? "" : graph.UniqueName(name ?? "import") + "/";
        int producer = graphDef.Versions?.Producer ?? 0;
        var created = new Operation[nodes.Count];
        foreach (int i in order)
        {
            created[i] = AddNode(graph, nodes[i], inputs[i], prefix, producer, index, created, mapped, functions);
        }

        return (returnElements ?? []).Select(e => ReturnElement(e, index, created, mapped)).ToArray();
    }

    private static Dictionary<string, int> IndexNodes(Google.Protobuf.Collections.RepeatedField<NodeDef> nodes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Name.Length == 0)
            {
                throw new GraphException($"GraphDef node {i} ({nodes[i].Op}) has an empty name.");
            }

            if (!index.TryAdd(nodes[i].Name, i))
            {
                throw new GraphException($"GraphDef has two nodes named '{nodes[i].Name}' (nodes {index[nodes[i].Name]} and {i}).");
            }
        }

        return index;
    }

    private static void CheckOpTypes(Google.Protobuf.Collections.RepeatedField<NodeDef> nodes)
    {
        var unknown = nodes.Where(n => !OpRegistry.Contains(n.Op)).GroupBy(n => n.Op, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            string list = string.Join(", ", unknown.Select(g => g.Key.Length == 0 ? "\"\"" : g.Key));
            string examples = string.Join(", ", unknown.Select(g => $"{g.Key} ('{g.First().Name}'{(g.Count() > 1 ? $" and {g.Count() - 1} more" : "")})"));
            throw new GraphException(
                $"GraphDef uses unknown op types: {list}. StaticGraph has no such ops registered; nodes: {examples}.");
        }
    }

    private static Input ParseInput(string node, string input)
    {
        if (input.StartsWith('^'))
        {
            return input.Length > 1 && !input.Contains(':', StringComparison.Ordinal)
                ? new Input(input[1..], -1, true)
                : throw new GraphException($"Node '{node}' has a malformed control input '{input}': expected '^name'.");
        }

        int colon = input.LastIndexOf(':');
        if (colon < 0)
        {
            return input.Length > 0 ? new Input(input, 0, false)
                : throw new GraphException($"Node '{node}' has an empty input name.");
        }

        return colon > 0 && int.TryParse(input.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            ? new Input(input[..colon], k, false)
            : throw new GraphException($"Node '{node}' has a malformed input '{input}': expected 'name', 'name:k' with k >= 0, or '^name'.");
    }

    private static Dictionary<string, Tensor> NormalizeInputMap(Graph graph, IReadOnlyDictionary<string, Tensor>? inputMap,
        Dictionary<string, int> index)
    {
        var mapped = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (key, tensor) in inputMap ?? new Dictionary<string, Tensor>())
        {
            ArgumentNullException.ThrowIfNull(tensor);
            if (tensor.Graph != graph)
            {
                throw new GraphException($"input_map['{key}'] is tensor '{tensor.Name}' of another graph.");
            }

            var input = ParseInput("input_map", key);
            if (input.IsControl)
            {
                throw new GraphException($"input_map key '{key}': control inputs cannot be mapped to tensors.");
            }

            if (!index.ContainsKey(input.Node))
            {
                missing.Add(key);
            }

            mapped[input.Key] = tensor;
        }

        return missing.Count == 0 ? mapped : throw new GraphException(
            $"Attempted to map inputs that were not found in graph_def: [{string.Join(", ", missing)}].");
    }

    // Kahn's algorithm, taking ready nodes in GraphDef order so an already sorted GraphDef keeps its order.
    private static List<int> TopologicalOrder(Google.Protobuf.Collections.RepeatedField<NodeDef> nodes, Input[][] inputs, Dictionary<string, int> index,
        Dictionary<string, Tensor> mapped)
    {
        var pending = new int[nodes.Count];
        var consumers = new List<int>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (var input in inputs[i])
            {
                if (!input.IsControl && mapped.ContainsKey(input.Key))
                {
                    continue;
                }

                if (!index.TryGetValue(input.Node, out int source))
                {
                    throw new GraphException(
                        $"Node '{nodes[i].Name}' ({nodes[i].Op}) has input '{(input.IsControl ? "^" + input.Node : input.Key)}', but the GraphDef has no node '{input.Node}'.");
                }

                (consumers[source] ??= []).Add(i);
                pending[i]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(nodes.Count);
        while (ready.TryDequeue(out int i, out _))
        {
            order.Add(i);
            foreach (int c in consumers[i] ?? [])
            {
                if (--pending[c] == 0)
                {
                    ready.Enqueue(c, c);
                }
            }
        }

        if (order.Count < nodes.Count)
        {
            var stuck = Enumerable.Range(0, nodes.Count).Where(i => pending[i] > 0).Select(i => $"'{nodes[i].Name}'").ToArray();
            throw new GraphException(
                $"GraphDef has a cycle: {stuck.Length} nodes never become ready: {string.Join(", ", stuck.Take(20))}{(stuck.Length > 20 ? ", ..." : "")}.");
        }

        return order;
    }

    private static void CheckReturnElements(IReadOnlyList<string>? returnElements, Dictionary<string, int> index)
    {
        foreach (string e in returnElements ?? [])
        {
            string node = e.Contains(':', StringComparison.Ordinal) ? ParseInput("return_elements", e).Node : e;
            if (!index.ContainsKey(node))
            {
                throw new GraphException($"Requested return_element '{e}' not found in graph_def.");
            }
        }
    }

    private static Operation AddNode(Graph graph, NodeDef node, Input[] inputs, string prefix, int producer,
        Dictionary<string, int> index, Operation[] created, Dictionary<string, Tensor> mapped, Func<string, FuncGraph>? functions)
    {
        var def = OpRegistry.Get(node.Op);
        var attrs = new List<KeyValuePair<string, object>>();
        foreach (var (key, value) in node.Attr)
        {
            try
            {
                attrs.Add(new(key, AttrValueConverter.FromProto(value, functions)));
            }
            catch (InvalidArgumentException e)
            {
                throw new GraphException($"{node.Op} node '{node.Name}': attr '{key}': {e.Message}", e);
            }
        }

        foreach (var (key, value) in def.AttrDefaults)
        {
            if (!node.Attr.ContainsKey(key))
            {
                attrs.Add(new(key, value));
            }
        }

        if (node.Op == "Placeholder" && producer < PlaceholderShapeEnforcedProducer)
        {
            int i = attrs.FindIndex(a => a.Key == "shape");
            if (i >= 0 && attrs[i].Value is Shape { Rank: 0 })
            {
                attrs[i] = new("shape", Shape.Unknown);
            }
        }

        var data = new List<Tensor>();
        var control = new List<Operation>();
        foreach (var input in inputs)
        {
            if (input.IsControl)
            {
                control.Add(created[index[input.Node]]);
            }
            else if (mapped.TryGetValue(input.Key, out var t))
            {
                data.Add(t);
            }
            else
            {
                data.Add(OutputOf(created[index[input.Node]], input.Index, node.Name));
            }
        }

        var op = graph.AddOperationNamed(def, prefix + node.Name, data, new AttrMap(attrs), control.Distinct().ToArray());
        op.Device = node.Device;
        return op;
    }

    private static Tensor OutputOf(Operation op, int index, string consumer) => index < op.Outputs.Count
        ? op.Outputs[index]
        : throw new GraphException(
            $"Node '{consumer}' reads output {index} of '{op.Name}' ({op.Type}), which has {op.Outputs.Count} output{(op.Outputs.Count == 1 ? "" : "s")}.");

    private static IFetchable ReturnElement(string element, Dictionary<string, int> index, Operation[] created,
        Dictionary<string, Tensor> mapped)
    {
        if (!element.Contains(':', StringComparison.Ordinal))
        {
            return created[index[element]];
        }

        var input = ParseInput("return_elements", element);
        return mapped.TryGetValue(input.Key, out var t) ? t : OutputOf(created[index[input.Node]], input.Index, "return_elements");
    }
}
