using Google.Protobuf;
using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// TF1's <c>tf.saved_model.loader.load</c>: reads <c>saved_model.pb</c> (or <c>saved_model.pbtxt</c>), picks the
/// MetaGraph whose tags match, imports its graph into the session's graph, restores the variables from
/// <c>variables/variables</c> through the graph's own restore op, and runs the main op (or legacy init op) with the
/// asset tensors fed the paths of the files under <c>assets/</c>.
/// </summary>
internal static class SavedModelLoader
{
    public const string SavedModelFilenamePb = "saved_model.pb";
    public const string SavedModelFilenamePbtxt = "saved_model.pbtxt";
    public const string MainOpKey = "saved_model_main_op";
    public const string LegacyInitOpKey = "legacy_init_op";
    public const string AssetsKey = "saved_model_assets";

    public static SavedModel Read(string exportDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(exportDir);
        string pbtxt = Path.Combine(exportDir, SavedModelFilenamePbtxt);
        string pb = Path.Combine(exportDir, SavedModelFilenamePb);
        if (File.Exists(pb))
        {
            try
            {
                return SavedModel.Parser.ParseFrom(File.ReadAllBytes(pb));
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new DataLossException($"Cannot parse SavedModel file {pb}: {e.Message}");
            }
        }

        if (File.Exists(pbtxt))
        {
            return TextFormat.Parse<SavedModel>(File.ReadAllText(pbtxt));
        }

        throw new FileNotFoundException($"SavedModel file does not exist at: {exportDir}{Path.DirectorySeparatorChar}{{{SavedModelFilenamePbtxt}|{SavedModelFilenamePb}}}");
    }

    public static MetaGraphDef Load(Session sess, string[] tags, string exportDir)
    {
        ArgumentNullException.ThrowIfNull(sess);
        ArgumentNullException.ThrowIfNull(tags);
        var model = Read(exportDir);
        var wanted = tags.ToHashSet(StringComparer.Ordinal);
        var meta = model.MetaGraphs.FirstOrDefault(m => m.MetaInfoDef is not null && m.MetaInfoDef.Tags.ToHashSet(StringComparer.Ordinal).SetEquals(wanted))
            ?? throw new InvalidArgumentException(
                $"MetaGraphDef associated with tags {TagSet(tags)} could not be found in SavedModel {exportDir}. Available tag sets: " +
                string.Join(", ", model.MetaGraphs.Select(m => TagSet(m.MetaInfoDef?.Tags ?? []))) + ".");

        if (meta.ObjectGraphDef is { Nodes.Count: > 0 } || meta.GraphDef?.Library?.Function.Count > 0)
        {
            throw new InvalidArgumentException(
                $"SavedModel {exportDir} is a TF2 object-graph SavedModel (tf.function graphs called through " +
                "StatefulPartitionedCall, resource variables): TF2 functions are out of scope for StaticGraph, which loads TF1 " +
                $"SavedModels only. Its variables can still be read with tf.train.load_checkpoint(\"{Path.Combine(exportDir, "variables", "variables")}\").");
        }

        var graph = sess.Graph;
        Saver? saver;
        using (graph.AsDefault())
        {
            saver = MetaGraphImporter.Import(graph, meta);
        }

        string variables = Path.Combine(exportDir, "variables", "variables");
        if (saver is not null && (File.Exists(variables + ".index") || File.Exists(variables)))
        {
            saver.Restore(sess, variables);
        }

        var feed = AssetFeed(graph, meta, exportDir);
        var initOp = InitOp(graph, meta);
        if (initOp is not null)
        {
            sess.Run(initOp, feed);
        }

        return meta;
    }

    private static string TagSet(IEnumerable<string> tags) => "{" + string.Join(", ", tags.Select(t => $"'{t}'")) + "}";

    private static FeedDict AssetFeed(Graph graph, MetaGraphDef meta, string exportDir)
    {
        var assets = new List<AssetFileDef>(meta.AssetFileDef);
        if (meta.CollectionDef.TryGetValue(AssetsKey, out var c) && c.AnyList is { } any)
        {
            assets.AddRange(any.Value.Select(a => a.Unpack<AssetFileDef>()));
        }

        var feed = new FeedDict();
        foreach (var asset in assets)
        {
            string path = Path.Combine(exportDir, "assets", asset.Filename);
            feed[graph.GetTensorByName(asset.TensorInfo.Name)] = NDArray.FromString(path);
        }

        return feed;
    }

    private static Operation? InitOp(Graph graph, MetaGraphDef meta)
    {
        foreach (string key in new[] { MainOpKey, LegacyInitOpKey })
        {
            if (meta.CollectionDef.TryGetValue(key, out var c) && c.NodeList is { Value.Count: > 0 } nodes)
            {
                return nodes.Value.Count == 1
                    ? graph.GetOperationByName(nodes.Value[0])
                    : throw new InvalidArgumentException($"Expected exactly one SavedModel {key}, found {nodes.Value.Count}.");
            }
        }

        return null;
    }
}
