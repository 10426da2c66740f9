using StaticGraph.IO;

namespace StaticGraph;

public static partial class tf
{
    public static partial class train
    {
        /// <summary>The events of the event file at <paramref name="path"/> (TF1 <c>tf.train.summary_iterator</c>),
        /// read lazily with every record's CRCs verified: a mismatch raises <see cref="DataLossException"/>.</summary>
        public static IEnumerable<Tensorflow.Event> summary_iterator(string path) => EventFileReader.Read(path);
    }
}
