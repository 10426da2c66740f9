using Google.Protobuf;
using StaticGraph.Ops;
using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// TF1's <c>tf.train.export_meta_graph</c>: a <c>MetaGraphDef</c> holding the graph, the ops it uses
/// (<c>stripped_op_list</c>: names and attrs with their defaults), an optional <c>SaverDef</c> and the collections:
/// variables as serialized <c>VariableDef</c>s, tensors and operations as <c>node_list</c> names, numbers as
/// <c>int64_list</c>/<c>float_list</c>, strings and byte arrays as <c>bytes_list</c>.
/// </summary>
internal static class MetaGraphExporter
{
    /// <summary>The TensorFlow version StaticGraph's files claim to match.</summary>
    public const string TensorflowVersion = "1.15.0";

    public static MetaGraphDef Export(Graph graph, SaverDef? saverDef, IReadOnlyList<string>? collectionList)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var graphDef = graph.ToGraphDef();
        var meta = new MetaGraphDef
        {
            MetaInfoDef = new MetaGraphDef.Types.MetaInfoDef
            {
                TensorflowVersion = TensorflowVersion,
                TensorflowGitVersion = "unknown",
                StrippedOpList = StrippedOpList(graphDef),
            },
            GraphDef = graphDef,
        };
        if (saverDef is not null)
        {
            meta.SaverDef = saverDef.Clone();
        }

        var keys = collectionList ?? graph.CollectionKeys;
        foreach (string key in keys.Order(StringComparer.Ordinal))
        {
            if (ToCollectionDef(key, graph.GetCollection<object>(key)) is CollectionDef def)
            {
                meta.CollectionDef[key] = def;
            }
        }

        return meta;
    }

    /// <summary>A variable as TF1's <c>VariableDef</c>.</summary>
    public static VariableDef ToVariableDef(Variable v) => new()
    {
        VariableName = v.Name,
        InitialValueName = v.InitialValue.Name,
        InitializerName = v.Initializer.Name,
        SnapshotName = v.Value.Name,
        Trainable = v.Trainable,
    };

    // One CollectionDef kind per collection, as TF's add_collection_def picks it from the first item; a collection
    // with items StaticGraph cannot write (Python-only objects in TF) is left out, as TF does.
    private static CollectionDef? ToCollectionDef(string key, IReadOnlyList<object> items)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var def = new CollectionDef();
        switch (items[0])
        {
            case Variable:
                def.BytesList = new CollectionDef.Types.BytesList();
                foreach (var v in items.OfType<Variable>())
                {
                    def.BytesList.Value.Add(ToVariableDef(v).ToByteString());
                }

                break;
            case Tensor or Operation:
                def.NodeList = new CollectionDef.Types.NodeList();
                foreach (var item in items)
                {
                    switch (item)
                    {
                        case Tensor t: def.NodeList.Value.Add(t.Name); break;
                        case Operation op: def.NodeList.Value.Add(op.Name); break;
                        case Variable v: def.NodeList.Value.Add(v.Value.Name); break;
                    }
                }

                break;
            case long or int:
                def.Int64List = new CollectionDef.Types.Int64List();
                def.Int64List.Value.AddRange(items.Select(i => i switch { long l => l, int n => n, _ => 0L }));
                break;
            case float or double:
                def.FloatList = new CollectionDef.Types.FloatList();
                def.FloatList.Value.AddRange(items.Select(i => i switch { float f => f, double d => (float)d, _ => 0f }));
                break;
            case string or byte[] or ByteString:
                def.BytesList = new CollectionDef.Types.BytesList();
                def.BytesList.Value.AddRange(items.Select(i => i switch
                {
                    string s => ByteString.CopyFromUtf8(s),
                    byte[] b => ByteString.CopyFrom(b),
                    ByteString b => b,
                    _ => ByteString.Empty,
                }));
                break;
            case Google.Protobuf.WellKnownTypes.Any:
                def.AnyList = new CollectionDef.Types.AnyList();
                def.AnyList.Value.AddRange(items.OfType<Google.Protobuf.WellKnownTypes.Any>());
                break;
            default:
                _ = key;
                return null;
        }

        return def;
    }

    // TF writes the full OpDef of each op the graph uses. Each op here gets its argument lists from its signature
    // (OpSignature), the attrs those imply, and the attrs its nodes set (types taken from their values) with their
    // registered defaults; allowed values and descriptions are left out.
    private static OpList StrippedOpList(GraphDef graphDef)
    {
        var list = new OpList();
        foreach (var group in graphDef.Node.GroupBy(n => n.Op, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var def = OpRegistry.Contains(group.Key) ? OpRegistry.Get(group.Key) : null;
            var op = new Tensorflow.OpDef { Name = group.Key, IsStateful = def?.IsStateful ?? false };
            var attrs = new Dictionary<string, Tensorflow.OpDef.Types.AttrDef>(StringComparer.Ordinal);
            if (def is not null && OpSignature.Of(def) is { } sig)
            {
                op.InputArg.AddRange(sig.Inputs.Select(ToArgDef));
                op.OutputArg.AddRange(sig.Outputs.Select(ToArgDef));
                foreach (var a in sig.Attrs)
                {
                    var attr = new Tensorflow.OpDef.Types.AttrDef { Name = a.Name, Type = a.Type };
                    if (a.Minimum is long min)
                    {
                        (attr.HasMinimum, attr.Minimum) = (true, min);
                    }

                    attrs.Add(a.Name, attr);
                    op.Attr.Add(attr);
                }
            }

            var set = new SortedDictionary<string, AttrValue>(StringComparer.Ordinal);
            foreach (var (name, value) in group.SelectMany(n => n.Attr).Where(a => !a.Key.StartsWith('_')))
            {
                set.TryAdd(name, value);
            }

            foreach (var (name, value) in set.Where(a => !attrs.ContainsKey(a.Key)))
            {
                var attr = new Tensorflow.OpDef.Types.AttrDef { Name = name, Type = AttrType(value) };
                attrs.Add(name, attr);
                op.Attr.Add(attr);
            }

            AddDefaults(attrs, def?.AttrDefaults);
            list.Op.Add(op);
        }

        return list;
    }

    /// <summary>An argument as TF's <c>OpDef.ArgDef</c>: a fixed type as its <c>DataType</c>, or the attrs naming
    /// its type and length.</summary>
    public static Tensorflow.OpDef.Types.ArgDef ToArgDef(OpArg arg)
    {
        var def = new Tensorflow.OpDef.Types.ArgDef { Name = arg.Name, IsRef = arg.IsRef };
        if (arg.Type is not null)
        {
            // The generated enum spells DT_INT32 as DtInt32.
            def.Type = Enum.TryParse<DataType>("Dt" + char.ToUpperInvariant(arg.Type[0]) + arg.Type[1..], out var type)
                ? type
                : throw new GraphException($"Argument '{arg}' has a type TensorFlow's DataType lacks.");
        }

        def.TypeAttr = arg.TypeAttr ?? "";
        def.NumberAttr = arg.NumberAttr ?? "";
        def.TypeListAttr = arg.TypeListAttr ?? "";
        return def;
    }

    private static void AddDefaults(Dictionary<string, Tensorflow.OpDef.Types.AttrDef> attrs, IReadOnlyDictionary<string, object>? defaults)
    {
        foreach (var (name, attr) in attrs)
        {
            if (defaults is not null && defaults.TryGetValue(name, out var d))
            {
                try
                {
                    attr.DefaultValue = AttrValueConverter.ToProto(d);
                }
                catch (GraphException)
                {
                    // A default StaticGraph cannot write is left out.
                }
            }
        }
    }

    private static string AttrType(AttrValue value) => value.ValueCase switch
    {
        AttrValue.ValueOneofCase.S => "string",
        AttrValue.ValueOneofCase.I => "int",
        AttrValue.ValueOneofCase.F => "float",
        AttrValue.ValueOneofCase.B => "bool",
        AttrValue.ValueOneofCase.Type => "type",
        AttrValue.ValueOneofCase.Shape => "shape",
        AttrValue.ValueOneofCase.Tensor => "tensor",
        AttrValue.ValueOneofCase.Func => "func",
        AttrValue.ValueOneofCase.List => value.List switch
        {
            { S.Count: > 0 } => "list(string)",
            { F.Count: > 0 } => "list(float)",
            { B.Count: > 0 } => "list(bool)",
            { Type.Count: > 0 } => "list(type)",
            { Shape.Count: > 0 } => "list(shape)",
            { Tensor.Count: > 0 } => "list(tensor)",
            _ => "list(int)",
        },
        _ => "",
    };
}
