using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace StaticGraph.Ops;

/// <summary>
/// An op's TensorFlow argument signature, parsed from the REGISTER_OP strings on its <see cref="OpDef"/>
/// (<see cref="OpDef.Inputs"/>, <see cref="OpDef.Outputs"/>, <see cref="OpDef.Attrs"/>): the argument lists of TF's
/// <c>OpDef</c>, and for a node (its attrs) the map between a flat input/output index and (argument name, index
/// within the argument), the <c>"node:arg:index"</c> form FunctionDef bodies use (<c>"MatMul:product:0"</c>).
/// </summary>
internal sealed partial class OpSignature
{
    // TF's DataTypeString names: a word among these is a fixed type, any other word names a type attr.
    private static readonly HashSet<string> TfTypes = new(StringComparer.Ordinal)
    {
        "float", "double", "int32", "uint32", "uint8", "uint16", "int16", "int8", "string", "complex64", "complex128",
        "int64", "uint64", "bool", "qint8", "quint8", "qint16", "quint16", "qint32", "bfloat16", "half", "resource", "variant",
    };

    private static readonly ConditionalWeakTable<OpDef, OpSignature> Cache = new();

    private OpSignature(string op, OpArg[] inputs, OpArg[] outputs, OpAttr[] attrs) =>
        (Op, Inputs, Outputs, Attrs) = (op, inputs, outputs, attrs);

    /// <summary>The op's TF name.</summary>
    public string Op { get; }

    /// <summary>The input arguments, in order.</summary>
    public IReadOnlyList<OpArg> Inputs { get; }

    /// <summary>The output arguments, in order.</summary>
    public IReadOnlyList<OpArg> Outputs { get; }

    /// <summary>The declared attrs, then those the arguments imply (a type attr is <c>type</c>, a number attr an
    /// <c>int</c> with minimum 0, a type-list attr <c>list(type)</c>), each once, in first-mention order.</summary>
    public IReadOnlyList<OpAttr> Attrs { get; }

    /// <summary>The signature <paramref name="def"/> declares (parsed once), or null when it declares none.</summary>
    public static OpSignature? Of(OpDef def) => def.Inputs is null || def.Outputs is null
        ? null
        : Cache.GetValue(def, d => Parse(d.Name, d.Inputs!, d.Outputs!, d.Attrs));

    /// <summary>The signature <paramref name="def"/> declares; a <see cref="GraphException"/> when it has none.</summary>
    public static OpSignature Require(OpDef def) => Of(def)
        ?? throw new GraphException($"Op '{def.Name}' declares no TensorFlow argument signature (OpDef.Inputs/Outputs).");

    /// <summary>Parses REGISTER_OP argument strings (<c>"name: [Ref(][N * ]type-or-attr[)]"</c>) and attr strings
    /// (<c>"name: kind [>= min] [= default]"</c>); a <see cref="GraphException"/> naming <paramref name="op"/> and the
    /// string on a syntax error, a duplicate name, or an attr used as the wrong kind.</summary>
    public static OpSignature Parse(string op, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, IReadOnlyList<string>? attrs = null)
    {
        var declared = new Dictionary<string, OpAttr>(StringComparer.Ordinal);
        var order = new List<OpAttr>();
        foreach (string text in attrs ?? [])
        {
            var attr = ParseAttr(op, text);
            if (!declared.TryAdd(attr.Name, attr))
            {
                throw new GraphException($"{op}: attr '{attr.Name}' is declared twice.");
            }

            order.Add(attr);
        }

        var ins = inputs.Select(s => ParseArg(op, s, declared)).ToArray();
        var outs = outputs.Select(s => ParseArg(op, s, declared)).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in ins.Concat(outs))
        {
            if (!seen.Add(arg.Name))
            {
                throw new GraphException($"{op}: argument name '{arg.Name}' is used twice.");
            }

            Imply(op, arg.TypeAttr, "type", declared, order);
            Imply(op, arg.NumberAttr, "int", declared, order);
            Imply(op, arg.TypeListAttr, "list(type)", declared, order);
        }

        return new OpSignature(op, ins, outs, [.. order]);
    }

    /// <summary>Σ argument lengths over the inputs, for a node with <paramref name="attrs"/>.</summary>
    public int InputCount(IReadOnlyDictionary<string, object> attrs) => Inputs.Sum(a => a.Length(Op, attrs));

    /// <summary>Σ argument lengths over the outputs, for a node with <paramref name="attrs"/>.</summary>
    public int OutputCount(IReadOnlyDictionary<string, object> attrs) => Outputs.Sum(a => a.Length(Op, attrs));

    /// <summary>The input argument holding flat input <paramref name="index"/>, and the index within it.</summary>
    public (string Arg, int Index) InputArg(int index, IReadOnlyDictionary<string, object> attrs) => Locate(Inputs, index, attrs, "input");

    /// <summary>The output argument holding flat output <paramref name="index"/>, and the index within it: Split's
    /// output 2 is <c>("output", 2)</c>, TopKV2's output 1 is <c>("indices", 0)</c>.</summary>
    public (string Arg, int Index) OutputArg(int index, IReadOnlyDictionary<string, object> attrs) => Locate(Outputs, index, attrs, "output");

    /// <summary>The flat input index of element <paramref name="index"/> of input argument <paramref name="arg"/>.</summary>
    public int InputIndex(string arg, int index, IReadOnlyDictionary<string, object> attrs) => Flat(Inputs, arg, index, attrs, "input");

    /// <summary>The flat output index of element <paramref name="index"/> of output argument <paramref name="arg"/>
    /// (the inverse of <see cref="OutputArg"/>).</summary>
    public int OutputIndex(string arg, int index, IReadOnlyDictionary<string, object> attrs) => Flat(Outputs, arg, index, attrs, "output");

    /// <summary>The flat inputs [Start, Start + Length) input argument <paramref name="arg"/> spans.</summary>
    public (int Start, int Length) InputRange(string arg, IReadOnlyDictionary<string, object> attrs) => Range(Inputs, arg, attrs, "input");

    /// <summary>The flat outputs [Start, Start + Length) output argument <paramref name="arg"/> spans.</summary>
    public (int Start, int Length) OutputRange(string arg, IReadOnlyDictionary<string, object> attrs) => Range(Outputs, arg, attrs, "output");

    /// <summary>The signature as REGISTER_OP lines: <c>MatMul(a: T, b: T) -> (product: T)</c>.</summary>
    public override string ToString() => $"{Op}({string.Join(", ", Inputs)}) -> ({string.Join(", ", Outputs)})";

    // Each argument with the flat indices [Start, Start + Length) it spans on a node with these attrs.
    private IEnumerable<(OpArg Arg, int Start, int Length)> Spans(IReadOnlyList<OpArg> args, IReadOnlyDictionary<string, object> attrs)
    {
        int start = 0;
        foreach (var arg in args)
        {
            int length = arg.Length(Op, attrs);
            yield return (arg, start, length);
            start += length;
        }
    }

    private (string Arg, int Index) Locate(IReadOnlyList<OpArg> args, int index, IReadOnlyDictionary<string, object> attrs, string kind)
    {
        foreach (var (arg, start, length) in Spans(args, attrs))
        {
            if (index >= start && index < start + length)
            {
                return (arg.Name, index - start);
            }
        }

        int count = Spans(args, attrs).Sum(s => s.Length);
        throw new GraphException($"{Op}: {kind} {index} is out of range; the node has {count} {kind}s ({Describe(args, attrs)}).");
    }

    private int Flat(IReadOnlyList<OpArg> args, string arg, int index, IReadOnlyDictionary<string, object> attrs, string kind)
    {
        var (start, length) = Range(args, arg, attrs, kind);
        return index >= 0 && index < length
            ? start + index
            : throw new GraphException($"{Op}: {kind} argument '{arg}' has {length} tensors; index {index} is out of range.");
    }

    private (int Start, int Length) Range(IReadOnlyList<OpArg> args, string name, IReadOnlyDictionary<string, object> attrs, string kind)
    {
        foreach (var (arg, start, length) in Spans(args, attrs))
        {
            if (arg.Name == name)
            {
                return (start, length);
            }
        }

        throw new GraphException($"{Op} has no {kind} argument '{name}' (its {kind}s: {Describe(args, attrs)}).");
    }

    private string Describe(IReadOnlyList<OpArg> args, IReadOnlyDictionary<string, object> attrs) => args.Count == 0
        ? "none"
        : string.Join(", ", args.Select(a => a.IsList ? $"{a.Name} × {a.Length(Op, attrs)}" : a.Name));

    // "name: [Ref(][N * ]type[)]": TF's arg syntax. A word among TF's type names is a fixed type; any other names a
    // type attr, or a type-list attr when declared list(type).
    private static OpArg ParseArg(string op, string text, Dictionary<string, OpAttr> declared)
    {
        var m = ArgSyntax().Match(text);
        if (!m.Success)
        {
            throw new GraphException($"{op}: argument '{text}' is not REGISTER_OP syntax 'name: [Ref(][N * ]type[)]'.");
        }

        string name = m.Groups["name"].Value, type = m.Groups["type"].Value;
        string? number = m.Groups["n"].Success ? m.Groups["n"].Value : null;
        bool isRef = m.Groups["ref"].Success;
        if (TfTypes.Contains(type))
        {
            return new OpArg(name, type, null, number, null, isRef);
        }

        bool isList = declared.TryGetValue(type, out var attr) && attr.Type == "list(type)";
        if (isList && number is not null)
        {
            throw new GraphException($"{op}: argument '{text}' repeats a list(type) attr; use '{name}: {type}'.");
        }

        return isList ? new OpArg(name, null, null, null, type, isRef) : new OpArg(name, null, type, number, null, isRef);
    }

    // "name: kind [>= min] [= default]", kind one of TF's attr types or an allowed-values set "{float, double}".
    private static OpAttr ParseAttr(string op, string text)
    {
        var m = AttrSyntax().Match(text);
        if (!m.Success)
        {
            throw new GraphException($"{op}: attr '{text}' is not REGISTER_OP syntax 'name: kind [>= min] [= default]'.");
        }

        string kind = m.Groups["kind"].Value.Trim();
        string? listed = kind.StartsWith("list(", StringComparison.Ordinal) && kind.EndsWith(')') ? kind[5..^1].Trim() : null;
        string single = Kind(listed ?? kind);
        if (single.Length == 0)
        {
            throw new GraphException($"{op}: attr '{text}' has unknown kind '{kind}'.");
        }

        long? min = m.Groups["min"].Success ? long.Parse(m.Groups["min"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new OpAttr(m.Groups["name"].Value, listed is null ? single : $"list({single})", min);
    }

    // An allowed-values set of quoted words restricts a string; of type names, a type.
    private static string Kind(string kind) => kind switch
    {
        "string" or "int" or "float" or "bool" or "type" or "shape" or "tensor" or "func" => kind,
        _ when kind.StartsWith('{') && kind.EndsWith('}') => kind.Contains('"') || kind.Contains('\'') ? "string" : "type",
        _ => "",
    };

    private static void Imply(string op, string? name, string kind, Dictionary<string, OpAttr> declared, List<OpAttr> order)
    {
        if (name is null)
        {
            return;
        }

        if (declared.TryGetValue(name, out var attr))
        {
            if (attr.Type != kind)
            {
                throw new GraphException($"{op}: attr '{name}' is declared '{attr.Type}' but an argument uses it as '{kind}'.");
            }

            return;
        }

        attr = new OpAttr(name, kind, kind == "int" ? 0 : null);
        declared.Add(name, attr);
        order.Add(attr);
    }

    [GeneratedRegex(@"^\s*(?<name>[a-z][a-z0-9_]*)\s*:\s*(?:(?<ref>Ref)\(\s*)?(?:(?<n>[A-Za-z][A-Za-z0-9_]*)\s*\*\s*)?(?<type>[A-Za-z][A-Za-z0-9_]*)\s*(?(ref)\))\s*$")]
    private static partial Regex ArgSyntax();

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z][A-Za-z0-9_]*)\s*:\s*(?<kind>list\(\s*\{[^}]*\}\s*\)|\{[^}]*\}|[a-z()]+)\s*(?:>=\s*(?<min>-?\d+)\s*)?(?:=.*)?$")]
    private static partial Regex AttrSyntax();
}
