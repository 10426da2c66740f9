using Tensorflow;

namespace StaticGraph.IO;

/// <summary>Writes a <see cref="Graph"/> as TensorFlow's <c>GraphDef</c>: one <c>NodeDef</c> per operation in
/// creation order (a topological order), TF's op and attr names, inputs as <c>name</c>, <c>name:k</c> and
/// <c>^control</c>.</summary>
internal static class GraphDefExporter
{
    /// <summary>The GraphDef version StaticGraph writes: TF 1.11–1.13's producer, so TF 1.x reads it.</summary>
    public const int Producer = 27;

    /// <summary>The oldest consumer that can read what StaticGraph writes (TF's own value).</summary>
    public const int MinConsumer = 12;

    public static GraphDef Export(Graph graph)
    {
        var def = new GraphDef { Versions = new VersionDef { Producer = Producer, MinConsumer = MinConsumer } };
        foreach (var op in graph.Operations)
        {
            def.Node.Add(ToNodeDef(op));
        }

        var library = FunctionDefConverter.Library(graph);
        if (library.Function.Count > 0)
        {
            def.Library = library;
        }

        return def;
    }

    public static NodeDef ToNodeDef(Operation op)
    {
        var node = new NodeDef { Name = op.Name, Op = op.Type, Device = op.Device };
        foreach (var t in op.Inputs)
        {
            node.Input.Add(InputName(t));
        }

        foreach (var c in op.ControlInputs)
        {
            node.Input.Add("^" + c.Name);
        }

        foreach (var (name, value) in op.Attrs)
        {
            try
            {
                node.Attr[name] = AttrValueConverter.ToProto(value);
            }
            catch (GraphException e)
            {
                throw new GraphException($"Cannot export attr '{name}' of node '{op.Name}' ({op.Type}): {e.Message}", e);
            }
        }

        return node;
    }

    /// <summary>TF's input spelling: <c>op</c> for output 0, <c>op:k</c> otherwise.</summary>
    public static string InputName(Tensor t) => t.ValueIndex == 0 ? t.Op.Name : $"{t.Op.Name}:{t.ValueIndex}";
}
