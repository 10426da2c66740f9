using StaticGraph.IO;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>Adds the nodes of <paramref name="graph_def"/> to the default graph (TF1
    /// <c>tf.import_graph_def</c>): under the name scope <paramref name="name"/> (default <c>import</c>; <c>""</c>
    /// keeps the GraphDef's names), with the tensors named by <paramref name="input_map"/>'s keys (<c>"x:0"</c>) replaced
    /// by its values. Returns one element per <paramref name="return_elements"/> entry: a <see cref="Tensor"/> for
    /// <c>"op:k"</c>, an <see cref="Operation"/> for <c>"op"</c> (empty when none are requested).</summary>
    public static IFetchable[] import_graph_def(Tensorflow.GraphDef graph_def, Dictionary<string, Tensor>? input_map = null,
        string[]? return_elements = null, string? name = null) =>
        GraphDefImporter.Import(StaticGraph.Graph.Default, graph_def, input_map, return_elements, name);
}
