using Google.Protobuf;
using Tensorflow;

namespace StaticGraph.IO;

/// <summary>GraphDef surgery and files: <c>tf.graph_util.extract_sub_graph</c>,
/// <c>convert_variables_to_constants</c> (freezing) and <c>tf.train.write_graph</c>.</summary>
internal static class GraphUtil
{
    private static readonly HashSet<string> VariableOps = ["VariableV2", "Variable"];

    /// <summary>The node a GraphDef input names: <c>^x</c>, <c>x:1</c> and <c>x</c> all name <c>x</c>.</summary>
    private static string NodeName(string input)
    {
        string s = input.StartsWith('^') ? input[1..] : input;
        int colon = s.LastIndexOf(':');
        return colon > 0 && int.TryParse(s.AsSpan(colon + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out _) ? s[..colon] : s;
    }

    public static GraphDef ExtractSubGraph(GraphDef graphDef, IReadOnlyList<string> destNodes)
    {
        ArgumentNullException.ThrowIfNull(graphDef);
        ArgumentNullException.ThrowIfNull(destNodes);
        var byName = new Dictionary<string, NodeDef>(StringComparer.Ordinal);
        foreach (var node in graphDef.Node)
        {
            if (!byName.TryAdd(node.Name, node))
            {
                throw new GraphException($"GraphDef has two nodes named '{node.Name}'.");
            }
        }

        var missing = destNodes.Where(d => !byName.ContainsKey(d)).ToArray();
        if (missing.Length > 0)
        {
            throw new GraphException($"extract_sub_graph: {string.Join(", ", missing.Select(m => $"'{m}'"))} not in graph.");
        }

        var keep = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(destNodes);
        while (stack.TryPop(out var name))
        {
            if (!keep.Add(name))
            {
                continue;
            }

            foreach (string input in byName[name].Input)
            {
                string source = NodeName(input);
                if (!byName.ContainsKey(source))
                {
                    throw new GraphException($"Node '{name}' has input '{input}', but the GraphDef has no node '{source}'.");
                }

                stack.Push(source);
            }
        }

        var result = new GraphDef();
        result.Node.AddRange(graphDef.Node.Where(n => keep.Contains(n.Name)).Select(n => n.Clone()));
        if (graphDef.Library is not null)
        {
            result.Library = graphDef.Library.Clone();
        }

        if (graphDef.Versions is not null)
        {
            result.Versions = graphDef.Versions.Clone();
        }

        return result;
    }

    public static GraphDef ConvertVariablesToConstants(Session sess, GraphDef graphDef, IReadOnlyList<string> outputNodeNames,
        IReadOnlyCollection<string>? whitelist, IReadOnlyCollection<string>? blacklist)
    {
        ArgumentNullException.ThrowIfNull(sess);
        var inference = ExtractSubGraph(graphDef, outputNodeNames);
        var variables = inference.Node
            .Where(n => VariableOps.Contains(n.Op) && (whitelist is null || whitelist.Contains(n.Name)) && (blacklist is null || !blacklist.Contains(n.Name)))
            .Select(n => n.Name)
            .ToArray();
        var values = variables.Length == 0
            ? []
            : sess.Run(variables.Select(v => sess.Graph.GetTensorByName(v + ":0")).ToArray());
        var valueOf = variables.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

        var frozen = new GraphDef { Library = inference.Library, Versions = inference.Versions };
        foreach (var node in inference.Node)
        {
            if (!valueOf.TryGetValue(node.Name, out var value))
            {
                frozen.Node.Add(node);
                continue;
            }

            var constant = new NodeDef { Name = node.Name, Op = "Const", Device = node.Device };
            constant.Attr["dtype"] = new AttrValue { Type = TensorProtoConverter.ToDataType(value.DType) };
            constant.Attr["value"] = new AttrValue { Tensor = TensorProtoConverter.ToProto(value) };
            if (node.Attr.TryGetValue("_class", out var cls))
            {
                constant.Attr["_class"] = cls;
            }

            frozen.Node.Add(constant);
        }

        return frozen;
    }

    /// <summary>Writes <paramref name="graphDef"/> to <c>logdir/name</c> through a temporary file renamed into place,
    /// so readers never see a half-written graph.</summary>
    public static string WriteGraph(GraphDef graphDef, string logdir, string name, bool asText)
    {
        ArgumentNullException.ThrowIfNull(graphDef);
        ArgumentException.ThrowIfNullOrEmpty(logdir);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Directory.CreateDirectory(logdir);
        string path = Path.Combine(logdir, name);
        byte[] bytes = asText ? System.Text.Encoding.UTF8.GetBytes(TextFormat.Print(graphDef)) : graphDef.ToByteArray();
        WriteAtomically(path, bytes);
        return path;
    }

    internal static void WriteAtomically(string path, byte[] bytes)
    {
        string temp = $"{path}.tmp{Guid.NewGuid():N}";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
