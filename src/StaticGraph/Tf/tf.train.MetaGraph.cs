using Google.Protobuf;
using StaticGraph.IO;

namespace StaticGraph;

public static partial class tf
{
    // MetaGraph files (tf.train.export_meta_graph / import_meta_graph).
    public static partial class train
    {
        /// <summary>TF1's <c>tf.train.export_meta_graph</c>: the <c>MetaGraphDef</c> of <paramref name="graph"/>
        /// (default: the default graph) with <paramref name="saver_def"/> and the collections
        /// <paramref name="collection_list"/> (default: all); also written atomically to <paramref name="filename"/>
        /// (text format when <paramref name="as_text"/>) when given.</summary>
        public static Tensorflow.MetaGraphDef export_meta_graph(string? filename = null, Graph? graph = null, Tensorflow.SaverDef? saver_def = null,
            string[]? collection_list = null, bool as_text = false)
        {
            var meta = MetaGraphExporter.Export(graph ?? StaticGraph.Graph.Default, saver_def, collection_list);
            if (!string.IsNullOrEmpty(filename))
            {
                string? dir = Path.GetDirectoryName(Path.GetFullPath(filename));
                if (dir is not null)
                {
                    Directory.CreateDirectory(dir);
                }

                GraphUtil.WriteAtomically(filename, as_text ? System.Text.Encoding.UTF8.GetBytes(TextFormat.Print(meta)) : meta.ToByteArray());
            }

            return meta;
        }

        /// <summary>TF1's <c>tf.train.import_meta_graph</c>: imports the MetaGraph in the file (binary or text
        /// format) <paramref name="meta_graph_or_file"/> into the default graph under its own names, rebuilds its
        /// variables and collections, and returns a <see cref="StaticGraph.Saver"/> running the graph's own restore op
        /// (null when the MetaGraph has neither a SaverDef nor variables). Unsupported op types raise a
        /// <see cref="GraphException"/> naming them all.</summary>
        public static Saver? import_meta_graph(string meta_graph_or_file, bool clear_devices = false) =>
            MetaGraphImporter.Import(StaticGraph.Graph.Default, MetaGraphImporter.Read(meta_graph_or_file), clear_devices);

        /// <summary>Imports <paramref name="meta_graph_def"/> into the default graph (see the file overload).</summary>
        public static Saver? import_meta_graph(Tensorflow.MetaGraphDef meta_graph_def, bool clear_devices = false) =>
            MetaGraphImporter.Import(StaticGraph.Graph.Default, meta_graph_def, clear_devices);
    }
}
