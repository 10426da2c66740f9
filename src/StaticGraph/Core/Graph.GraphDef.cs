using StaticGraph.IO;

namespace StaticGraph;

// TensorFlow GraphDef interop (tf.Graph.as_graph_def / tf.import_graph_def).
public sealed partial class Graph
{
    /// <summary>This graph as TensorFlow's <c>GraphDef</c> (TF1 <c>graph.as_graph_def()</c>): one <c>NodeDef</c>
    /// per operation in creation order, with TF's op and attr names, producer version 27.</summary>
    public Tensorflow.GraphDef ToGraphDef() => GraphDefExporter.Export(this);
}
