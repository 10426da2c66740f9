using StaticGraph.IO;

namespace StaticGraph;

public static partial class tf
{
    public static partial class train
    {
        /// <summary>Writes <paramref name="graph"/>'s GraphDef to <c>logdir/name</c> (TF1 <c>tf.train.write_graph</c>)
        /// as text format when <paramref name="as_text"/>, else binary; creates <paramref name="logdir"/>, replaces the
        /// file atomically and returns its path.</summary>
        public static string write_graph(Graph graph, string logdir, string name, bool as_text = true) =>
            GraphUtil.WriteGraph((graph ?? throw new ArgumentNullException(nameof(graph))).ToGraphDef(), logdir, name, as_text);

        /// <summary>Writes <paramref name="graph_def"/> to <c>logdir/name</c> (text or binary) and returns the path.</summary>
        public static string write_graph(Tensorflow.GraphDef graph_def, string logdir, string name, bool as_text = true) =>
            GraphUtil.WriteGraph(graph_def, logdir, name, as_text);
    }
}
