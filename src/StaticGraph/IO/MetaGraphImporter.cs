using Google.Protobuf;
using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// TF1's <c>tf.train.import_meta_graph</c>: adds a <c>MetaGraphDef</c>'s graph to a <see cref="Graph"/> under its own
/// names, rebuilds its <see cref="Variable"/>s from the <c>VariableDef</c>s of the variable collections, restores the
/// other collections (tensors and operations by name, bytes and Any lists as they are) and returns a
/// <see cref="Saver"/> over the graph's own save/restore ops.
/// </summary>
internal static class MetaGraphImporter
{
    /// <summary>The collections TF1 writes as serialized <c>VariableDef</c>s (its registered proto functions).</summary>
    private static readonly HashSet<string> VariableCollections =
    [
        tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.TRAINABLE_VARIABLES, tf.GraphKeys.LOCAL_VARIABLES,
        tf.GraphKeys.MODEL_VARIABLES, tf.GraphKeys.MOVING_AVERAGE_VARIABLES, tf.GraphKeys.GLOBAL_STEP, "metric_variables",
    ];

    /// <summary>Reads a <c>.meta</c> file, binary or text format (TF tries binary first, then text), or, when
    /// <paramref name="pathOrText"/> is not a file, parses it as text format.</summary>
    public static MetaGraphDef Read(string pathOrText)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrText);
        if (!File.Exists(pathOrText))
        {
            if (pathOrText.Contains('{', StringComparison.Ordinal) || pathOrText.Contains("graph_def", StringComparison.Ordinal))
            {
                return TextFormat.Parse<MetaGraphDef>(pathOrText);
            }

            throw new FileNotFoundException($"File {pathOrText} does not exist.", pathOrText);
        }

        byte[] bytes = File.ReadAllBytes(pathOrText);
        try
        {
            return MetaGraphDef.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException binaryError)
        {
            try
            {
                return TextFormat.Parse<MetaGraphDef>(System.Text.Encoding.UTF8.GetString(bytes));
            }
            catch (TextFormatException textError)
            {
                throw new InvalidArgumentException(
                    $"Cannot parse {pathOrText} as a MetaGraphDef: not binary ({binaryError.Message}) nor text format ({textError.Message}).");
            }
        }
    }

    public static Saver? Import(Graph graph, MetaGraphDef meta, bool clearDevices = false)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(meta);
        var graphDef = meta.GraphDef ?? new GraphDef();
        if (clearDevices)
        {
            graphDef = graphDef.Clone();
            foreach (var node in graphDef.Node)
            {
                node.Device = "";
            }
        }

        GraphDefImporter.Import(graph, graphDef, null, null, "");
        var variables = ImportCollections(graph, meta);

        if (meta.SaverDef is { } saverDef && saverDef.RestoreOpName.Length > 0)
        {
            return new Saver(saverDef, graph);
        }

        // TF creates a fresh Saver when the MetaGraph has variables but no SaverDef.
        return variables.Count > 0 ? tf.train.Saver(variables.Values.ToArray()) : null;
    }

    private static Dictionary<string, Variable> ImportCollections(Graph graph, MetaGraphDef meta)
    {
        var trainable = new HashSet<string>(StringComparer.Ordinal);
        if (meta.CollectionDef.TryGetValue(tf.GraphKeys.TRAINABLE_VARIABLES, out var tv) && tv.BytesList is { } tvl)
        {
            foreach (var bytes in tvl.Value)
            {
                trainable.Add(VariableDef.Parser.ParseFrom(bytes).VariableName);
            }
        }

        var variables = new Dictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var (key, def) in meta.CollectionDef.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            switch (def.KindCase)
            {
                case CollectionDef.KindOneofCase.BytesList when VariableCollections.Contains(key):
                    foreach (var bytes in def.BytesList.Value)
                    {
                        var vd = VariableDef.Parser.ParseFrom(bytes);
                        if (!variables.TryGetValue(vd.VariableName, out var v))
                        {
                            v = Adopt(graph, vd, vd.Trainable || trainable.Contains(vd.VariableName));
                            variables[vd.VariableName] = v;
                        }

                        graph.AddToCollection(key, v);
                    }

                    break;
                case CollectionDef.KindOneofCase.BytesList:
                    foreach (var bytes in def.BytesList.Value)
                    {
                        graph.AddToCollection(key, bytes.ToByteArray());
                    }

                    break;
                case CollectionDef.KindOneofCase.NodeList:
                    foreach (string name in def.NodeList.Value)
                    {
                        graph.AddToCollection(key, name.Contains(':', StringComparison.Ordinal)
                            ? Lookup(() => graph.GetTensorByName(name), key, name)
                            : Lookup(() => graph.GetOperationByName(name), key, name));
                    }

                    break;
                case CollectionDef.KindOneofCase.Int64List:
                    foreach (long value in def.Int64List.Value)
                    {
                        graph.AddToCollection(key, value);
                    }

                    break;
                case CollectionDef.KindOneofCase.FloatList:
                    foreach (float value in def.FloatList.Value)
                    {
                        graph.AddToCollection(key, value);
                    }

                    break;
                case CollectionDef.KindOneofCase.AnyList:
                    foreach (var value in def.AnyList.Value)
                    {
                        graph.AddToCollection(key, value);
                    }

                    break;
            }
        }

        return variables;
    }

    private static object Lookup(Func<object> find, string key, string name)
    {
        try
        {
            return find();
        }
        catch (Exception e) when (e is GraphException or InvalidArgumentException or KeyNotFoundException)
        {
            throw new GraphException($"MetaGraph collection '{key}' names '{name}', which is not in the graph.", e);
        }
    }

    private static Variable Adopt(Graph graph, VariableDef vd, bool trainable)
    {
        if (vd.IsResource)
        {
            throw new GraphException($"Variable '{vd.VariableName}' is a resource variable; only TF1 ref variables (VariableV2) are supported.");
        }

        var variable = (Tensor)Lookup(() => graph.GetTensorByName(vd.VariableName), "variables", vd.VariableName);
        var initializer = (Operation)Lookup(() => graph.GetOperationByName(vd.InitializerName), "variables", vd.InitializerName);
        var snapshot = (Tensor)Lookup(() => graph.GetTensorByName(vd.SnapshotName), "variables", vd.SnapshotName);
        var initialValue = vd.InitialValueName.Length > 0
            ? (Tensor)Lookup(() => graph.GetTensorByName(vd.InitialValueName), "variables", vd.InitialValueName)
            : initializer.Inputs.Count > 1 ? initializer.Inputs[1] : snapshot;
        return new Variable(variable, initializer, snapshot, initialValue, trainable);
    }
}
