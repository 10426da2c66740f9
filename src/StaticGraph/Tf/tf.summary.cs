namespace StaticGraph;

public static partial class tf
{
    /// <summary>TF1's <c>tf.summary</c>: summary ops for TensorBoard and the event-file writer.</summary>
    public static partial class summary
    {
        /// <summary>A writer of a new event file in <paramref name="logdir"/> (TF1 <c>tf.summary.FileWriter</c>); with
        /// <paramref name="graph"/> its GraphDef is written as a graph_def event.</summary>
        public static global::StaticGraph.FileWriter FileWriter(string logdir, Graph? graph = null) => new(logdir, graph);
    }
}
