using Google.Protobuf;
using StaticGraph.IO;
using Tensorflow;

namespace StaticGraph;

/// <summary>
/// TF1's <c>tf.saved_model.builder.SavedModelBuilder</c>: <see cref="AddMetaGraphAndVariables"/> saves the session's
/// variables to <c>export_dir/variables/variables</c> (a sharded V2 checkpoint) and records the graph's MetaGraph with
/// tags and signatures; <see cref="Save"/> writes <c>saved_model.pb</c> (or <c>.pbtxt</c>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "Parameters keep TF1's keyword names (signature_def_map:, main_op:, as_text:), as the Saver's do.")]
public sealed class SavedModelBuilder
{
    private readonly string _exportDir;
    private readonly SavedModel _model = new() { SavedModelSchemaVersion = 1 };
    private bool _variablesSaved;

    internal SavedModelBuilder(string exportDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(exportDir);
        if (Directory.Exists(exportDir) && Directory.EnumerateFileSystemEntries(exportDir).Any())
        {
            throw new InvalidArgumentException(
                $"Export directory already exists, and isn't empty. Please choose a different export directory, or delete all the contents of the specified directory: {exportDir}");
        }

        _exportDir = exportDir;
    }

    /// <summary>Saves the variables of <paramref name="sess"/>'s graph and adds its MetaGraph under
    /// <paramref name="tags"/> with <paramref name="signature_def_map"/>; <paramref name="main_op"/> (or
    /// <paramref name="legacy_init_op"/>) is run by the loader after restoring. Only the first MetaGraph saves
    /// variables, as in TF.</summary>
    public void AddMetaGraphAndVariables(Session sess, string[] tags, Dictionary<string, SignatureDef>? signature_def_map = null,
        Operation? legacy_init_op = null, Operation? main_op = null, Saver? saver = null)
    {
        ArgumentNullException.ThrowIfNull(sess);
        ArgumentNullException.ThrowIfNull(tags);
        if (_variablesSaved)
        {
            throw new InvalidArgumentException(
                "Graph state including variables and assets has already been saved. Please invoke `add_meta_graph()` instead.");
        }

        var graph = sess.Graph;
        var vars = graph.GetCollection<Variable>(tf.GraphKeys.GLOBAL_VARIABLES);
        string variablesDir = Path.Combine(_exportDir, "variables");
        Directory.CreateDirectory(variablesDir);
        if (saver is null && vars.Count > 0)
        {
            using (graph.AsDefault())
            {
                saver = tf.train.Saver(vars, sharded: true);
            }
        }

        saver?.Save(sess, Path.Combine(variablesDir, "variables"), write_meta_graph: false, write_state: false);
        var meta = tf.train.export_meta_graph(graph: graph, saver_def: saver?.AsSaverDef());
        AddOp(meta, SavedModelLoader.MainOpKey, main_op);
        AddOp(meta, SavedModelLoader.LegacyInitOpKey, legacy_init_op);
        meta.MetaInfoDef.Tags.AddRange(tags);
        foreach (var (key, signature) in signature_def_map ?? [])
        {
            meta.SignatureDef[key] = signature;
        }

        _model.MetaGraphs.Add(meta);
        _variablesSaved = true;
    }

    /// <summary>Writes <c>saved_model.pb</c> (text <c>saved_model.pbtxt</c> when <paramref name="as_text"/>)
    /// atomically and returns its path.</summary>
    public string Save(bool as_text = false)
    {
        Directory.CreateDirectory(_exportDir);
        string path = Path.Combine(_exportDir, as_text ? SavedModelLoader.SavedModelFilenamePbtxt : SavedModelLoader.SavedModelFilenamePb);
        GraphUtil.WriteAtomically(path, as_text ? System.Text.Encoding.UTF8.GetBytes(TextFormat.Print(_model)) : _model.ToByteArray());
        return path;
    }

    private static void AddOp(MetaGraphDef meta, string key, Operation? op)
    {
        if (op is not null)
        {
            meta.CollectionDef[key] = new CollectionDef { NodeList = new CollectionDef.Types.NodeList { Value = { op.Name } } };
        }
    }
}
