using System.Text.RegularExpressions;
using Google.Protobuf;
using StaticGraph.Ops;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>TF1's <c>tf.summary</c>: summary ops for TensorBoard and the event-file writer. Each summary op is
    /// named by its own name scope (<c>scalar("loss")</c> inside <c>name_scope("train")</c> is the op
    /// <c>train/loss</c> with tag <c>train/loss</c>; a repeated name gets <c>_1</c>) and is added to
    /// <see cref="GraphKeys.SUMMARIES"/> unless <c>collections</c> says otherwise.</summary>
    public static partial class summary
    {
        /// <summary>A writer of a new event file in <paramref name="logdir"/> (TF1 <c>tf.summary.FileWriter</c>); with
        /// <paramref name="graph"/> its GraphDef is written as a graph_def event.</summary>
        public static global::StaticGraph.FileWriter FileWriter(string logdir, Graph? graph = null) => new(logdir, graph);

        /// <summary>A scalar summary (ScalarSummary): <paramref name="tensor"/>'s value as simple_value.</summary>
        public static Tensor scalar(string name, Tensor tensor, string[]? collections = null, string? family = null) =>
            Summarize(name, family, collections, tensor, (tag, scope, g) =>
                SummaryOps.ScalarSummary(OpBuilder.Const(NDArray.FromString(tag), "tags", g), tensor, scope));

        /// <summary>A histogram summary (HistogramSummary) of <paramref name="values"/> with TF's default buckets.</summary>
        public static Tensor histogram(string name, Tensor values, string[]? collections = null, string? family = null) =>
            Summarize(name, family, collections, values, (tag, scope, g) =>
                SummaryOps.HistogramSummary(OpBuilder.Const(NDArray.FromString(tag), "tag", g), values, scope));

        /// <summary>An image summary (ImageSummary) of up to <paramref name="max_outputs"/> images of a
        /// [batch, height, width, 1|3|4] uint8 or float tensor, PNG-encoded.</summary>
        public static Tensor image(string name, Tensor tensor, int max_outputs = 3, string[]? collections = null, string? family = null) =>
            Summarize(name, family, collections, tensor, (tag, scope, g) =>
                SummaryOps.ImageSummary(OpBuilder.Const(NDArray.FromString(tag), "tag", g), tensor, max_outputs, scope));

        /// <summary>A text summary (TF1 <c>tf.summary.text</c>): a TensorSummaryV2 of the DT_STRING
        /// <paramref name="tensor"/> with plugin_name "text".</summary>
        public static Tensor text(string name, Tensor tensor, string[]? collections = null)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            if (tensor.DType != DType.String)
            {
                throw new ArgumentException($"Expected tensor {tensor.Name} to have dtype string, got {tensor.DType}", nameof(tensor));
            }

            var metadata = new Tensorflow.SummaryMetadata { PluginData = new Tensorflow.SummaryMetadata.Types.PluginData { PluginName = "text" } };
            return tensor_summary(name, tensor, collections: collections, summary_metadata: metadata);
        }

        /// <summary>A tensor summary (TensorSummaryV2): <paramref name="tensor"/> as a TensorProto with
        /// <paramref name="summary_metadata"/>.</summary>
        public static Tensor tensor_summary(string name, Tensor tensor, string? summary_description = null, string[]? collections = null,
            Tensorflow.SummaryMetadata? summary_metadata = null, string? family = null, string? display_name = null)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            var metadata = summary_metadata?.Clone() ?? new Tensorflow.SummaryMetadata();
            if (summary_description is not null)
            {
                metadata.SummaryDescription = summary_description;
            }

            if (display_name is not null)
            {
                metadata.DisplayName = display_name;
            }

            byte[] serialized = metadata.ToByteArray();
            return Summarize(name, family, collections, tensor, (tag, scope, g) => SummaryOps.TensorSummaryV2(
                OpBuilder.Const(NDArray.FromString(tag), "tag", g), tensor,
                OpBuilder.Const(NDArray.Wrap(DType.String, Shape.Scalar, new[] { serialized }), "serialized_summary_metadata", g), scope));
        }

        /// <summary>Merges summaries (MergeSummary) into one serialized Summary; a repeated tag fails at run time.</summary>
        public static Tensor merge(Tensor[] inputs, string[]? collections = null, string? name = null)
        {
            ArgumentNullException.ThrowIfNull(inputs);
            if (inputs.Length == 0)
            {
                throw new ArgumentException("tf.summary.merge needs at least one summary.", nameof(inputs));
            }

            var graph = inputs[0].Graph;
            Tensor val;
            using (graph.NameScope(name ?? "Merge"))
            {
                val = SummaryOps.MergeSummary(inputs, name);
            }

            foreach (var key in collections ?? [])
            {
                graph.AddToCollection(key, val);
            }

            return val;
        }

        /// <summary>Merges every summary in collection <paramref name="key"/> of the default graph; null when there
        /// is none.</summary>
        public static Tensor? merge_all(string key = GraphKeys.SUMMARIES, string? scope = null, string? name = null)
        {
            var ops = get_collection<Tensor>(key, scope);
            return ops.Count == 0 ? null : merge([.. ops], name: name);
        }

        private static readonly Regex InvalidTagCharacters = new(@"[^-/\w\.]", RegexOptions.CultureInvariant);

        // TF1's summary_op_util.clean_tag: characters outside [-/\w.] become '_', leading slashes go.
        private static string CleanTag(string name) => InvalidTagCharacters.Replace(name, "_").TrimStart('/');

        // TF1's summary_scope + collect: the op is named by a fresh name scope, its tag is that scope (with the
        // family in front when given).
        private static Tensor Summarize(string name, string? family, string[]? collections, Tensor input, Func<string, string, Graph, Tensor> build)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(input);
            var graph = input.Graph;
            name = CleanTag(name);
            family = family is null ? null : CleanTag(family);
            Tensor val;
            using (var ns = graph.NameScope(family is null ? name : $"{family}/{name}"))
            {
                string scope = ns.Name;
                string tag = family is null ? scope.TrimEnd('/') : $"{family}/{scope.TrimEnd('/')}";
                val = build(tag, scope, graph);
            }

            foreach (var key in collections ?? [GraphKeys.SUMMARIES])
            {
                graph.AddToCollection(key, val);
            }

            return val;
        }
    }
}
