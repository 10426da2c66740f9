using System.Text;
using StaticGraph.Ops;
using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// Function bodies (<see cref="FuncGraph"/>) as TensorFlow's <c>FunctionDef</c>s in a GraphDef's function library.
/// Inside a FunctionDef an argument is referenced by its name and a node output as <c>node:output_arg:index</c>
/// (the op's <c>REGISTER_OP</c> output name, see <see cref="OpSignature"/>); the results are the <c>ret</c> map.
/// </summary>
internal static class FunctionDefConverter
{
    /// <summary>The library for <paramref name="graph"/>: every function its ops call, and the functions those
    /// call, each once.</summary>
    public static FunctionDefLibrary Library(Graph graph)
    {
        var library = new FunctionDefLibrary();
        var seen = new HashSet<FuncGraph>();
        var pending = new Stack<FuncGraph>(Called(graph).Reverse());
        while (pending.Count > 0)
        {
            var f = pending.Pop();
            if (seen.Add(f))
            {
                library.Function.Add(ToFunctionDef(f));
                foreach (var inner in Called(f.Graph))
                {
                    pending.Push(inner);
                }
            }
        }

        return library;
    }

    private static IEnumerable<FuncGraph> Called(Graph graph) =>
        graph.Operations.SelectMany(op => op.Attrs.Values.OfType<FuncGraph>());

    /// <summary>One function body as a FunctionDef.</summary>
    public static FunctionDef ToFunctionDef(FuncGraph f)
    {
        var args = f.Args;
        var argNames = ArgNames(f, args);
        var fdef = new FunctionDef { Signature = new Tensorflow.OpDef { Name = f.Name, IsStateful = !f.IsStateless } };
        for (int i = 0; i < args.Count; i++)
        {
            fdef.Signature.InputArg.Add(new Tensorflow.OpDef.Types.ArgDef { Name = argNames[args[i]], Type = TensorProtoConverter.ToDataType(args[i].DType) });
        }

        string Reference(Tensor t) => argNames.TryGetValue(t, out var arg) ? arg : OutputReference(t);
        var argOps = args.Select(a => a.Op).ToHashSet();
        foreach (var op in f.Graph.Operations.Where(op => !argOps.Contains(op)))
        {
            var node = GraphDefExporter.ToNodeDef(op);
            node.Input.Clear();
            node.Input.AddRange(op.Inputs.Select(Reference));
            node.Input.AddRange(op.ControlInputs.Select(c => "^" + c.Name));
            fdef.NodeDef.Add(node);
        }

        for (int j = 0; j < f.Results.Length; j++)
        {
            string name = $"output_{j}";
            fdef.Signature.OutputArg.Add(new Tensorflow.OpDef.Types.ArgDef { Name = name, Type = TensorProtoConverter.ToDataType(f.Results[j].DType) });
            fdef.Ret[name] = Reference(f.Results[j]);
        }

        return fdef;
    }

    /// <summary>TF's <c>node:output_arg:index</c> spelling of a node output inside a function body.</summary>
    private static string OutputReference(Tensor t)
    {
        var signature = OpSignature.Of(t.Op.Def) ?? throw new GraphException(
            $"Cannot write node '{t.Op.Name}' ({t.Op.Type}) into a FunctionDef: the op has no argument signature.");
        var (arg, index) = signature.OutputArg(t.ValueIndex, t.Op.Attrs);
        return $"{t.Op.Name}:{arg}:{index}";
    }

    /// <summary>Argument names TF accepts (<c>[a-z][a-z0-9_]*</c>) that no node of the body uses.</summary>
    private static Dictionary<Tensor, string> ArgNames(FuncGraph f, IReadOnlyList<Tensor> args)
    {
        var argOps = args.Select(a => a.Op).ToHashSet();
        var used = f.Graph.Operations.Where(op => !argOps.Contains(op)).Select(op => op.Name).ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<Tensor, string>();
        foreach (var a in args)
        {
            var sb = new StringBuilder();
            foreach (char c in a.Op.Name.ToLowerInvariant())
            {
                sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
            }

            string stem = sb.Length > 0 && char.IsAsciiLetterLower(sb[0]) ? sb.ToString() : "arg_" + sb;
            string name = stem;
            for (int k = 1; used.Contains(name); k++)
            {
                name = $"{stem}_{k}";
            }

            used.Add(name);
            names[a] = name;
        }

        return names;
    }

    /// <summary>Imports the library's functions into <paramref name="graph"/>'s root library (a function already
    /// there under the same name is kept); returns the resolver node attrs use.</summary>
    public static Func<string, FuncGraph> ImportLibrary(Graph graph, FunctionDefLibrary? library)
    {
        var root = graph.Root;
        var defs = (library?.Function ?? []).ToDictionary(f => f.Signature.Name, StringComparer.Ordinal);
        var importing = new HashSet<string>(StringComparer.Ordinal);
        FuncGraph Resolve(string name)
        {
            if (root.TryGetFunction(name) is FuncGraph existing)
            {
                return existing;
            }

            if (!defs.TryGetValue(name, out var fdef))
            {
                throw new GraphException($"Function '{name}' is not in the GraphDef's function library.");
            }

            if (!importing.Add(name))
            {
                throw new GraphException($"Function '{name}' calls itself; recursive functions are not supported.");
            }

            return FromFunctionDef(root, fdef, Resolve);
        }

        foreach (var name in defs.Keys)
        {
            Resolve(name);
        }

        return Resolve;
    }

    /// <summary>Rebuilds a function body: the arguments become placeholders, <c>node:arg:index</c> references
    /// become output indices, and the nodes are imported (sorted) by the GraphDef importer.</summary>
    private static FuncGraph FromFunctionDef(Graph root, FunctionDef fdef, Func<string, FuncGraph> resolve)
    {
        string name = fdef.Signature.Name;
        var f = FuncGraph.CreateNamed(root, name);
        var body = new GraphDef();
        var argNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in fdef.Signature.InputArg)
        {
            if (arg.Type == DataType.DtInvalid)
            {
                throw new GraphException($"Function '{name}': argument '{arg.Name}' has no concrete type (polymorphic functions are not supported).");
            }

            argNames.Add(arg.Name);
            body.Node.Add(new NodeDef
            {
                Name = arg.Name,
                Op = "Placeholder",
                Attr = { ["dtype"] = new AttrValue { Type = arg.Type }, ["shape"] = new AttrValue { Shape = new TensorShapeProto { UnknownRank = true } } },
            });
        }

        var nodes = fdef.NodeDef.ToDictionary(n => n.Name, StringComparer.Ordinal);
        string Translate(string reference)
        {
            if (reference.StartsWith('^') || argNames.Contains(reference))
            {
                return reference;
            }

            var parts = reference.Split(':');
            if (parts.Length != 3 || !nodes.TryGetValue(parts[0], out var producer) || !int.TryParse(parts[2], out int index))
            {
                throw new GraphException($"Function '{name}': cannot resolve the reference '{reference}' (expected an argument or node:output_arg:index).");
            }

            var def = OpRegistry.Get(producer.Op);
            var signature = OpSignature.Require(def);
            var attrs = producer.Attr.ToDictionary(kv => kv.Key, kv => AttrValueConverter.FromProto(kv.Value, resolve), StringComparer.Ordinal);
            foreach (var (key, value) in def.AttrDefaults)
            {
                attrs.TryAdd(key, value);
            }

            int flat = signature.OutputIndex(parts[1], index, attrs);
            return flat == 0 ? parts[0] : $"{parts[0]}:{flat}";
        }

        foreach (var node in fdef.NodeDef)
        {
            var copy = node.Clone();
            copy.Input.Clear();
            copy.Input.AddRange(node.Input.Select(Translate));
            body.Node.Add(copy);
        }

        GraphDefImporter.Import(f.Graph, body, null, null, "", resolve);
        foreach (var arg in fdef.Signature.InputArg)
        {
            f.ExplicitArgs.Add(f.Graph.GetTensorByName(arg.Name + ":0"));
        }

        f.Results = fdef.Signature.OutputArg.Select(o => fdef.Ret.TryGetValue(o.Name, out var r)
            ? f.Graph.GetTensorByName(TensorName(Translate(r)))
            : throw new GraphException($"Function '{name}': output '{o.Name}' has no entry in ret.")).ToArray();
        return f;
    }

    private static string TensorName(string input) => input.Contains(':', StringComparison.Ordinal) ? input : input + ":0";
}
