using StaticGraph.IO;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>GraphDef surgery (TF1 <c>tf.graph_util</c>): freezing variables into constants, extracting the
    /// subgraph some nodes need.</summary>
    public static class graph_util
    {
        /// <summary>The frozen form of <paramref name="input_graph_def"/>: pruned to what
        /// <paramref name="output_node_names"/> need, each needed variable replaced by a <c>Const</c> holding its
        /// current value in <paramref name="sess"/>.</summary>
        public static Tensorflow.GraphDef convert_variables_to_constants(Session sess, Tensorflow.GraphDef input_graph_def,
            string[] output_node_names, string[]? variable_names_whitelist = null, string[]? variable_names_blacklist = null) =>
            GraphUtil.ConvertVariablesToConstants(sess, input_graph_def, output_node_names, variable_names_whitelist, variable_names_blacklist);

        /// <summary>The nodes of <paramref name="graph_def"/> that <paramref name="dest_nodes"/> depend on (through
        /// data and control inputs), in their original order.</summary>
        public static Tensorflow.GraphDef extract_sub_graph(Tensorflow.GraphDef graph_def, string[] dest_nodes) =>
            GraphUtil.ExtractSubGraph(graph_def, dest_nodes);
    }
}
