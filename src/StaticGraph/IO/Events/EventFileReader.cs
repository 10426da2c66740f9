using Google.Protobuf;

namespace StaticGraph.IO;

/// <summary>Reads TensorBoard event files: TFRecords whose payloads are serialized <see cref="Tensorflow.Event"/>s.</summary>
internal static class EventFileReader
{
    /// <summary>The events of the file at <paramref name="path"/>, lazily, every record's CRCs verified; the file is
    /// opened on the first MoveNext and closed when the enumeration ends or is disposed.</summary>
    public static IEnumerable<Tensorflow.Event> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        foreach (var payload in TFRecord.Read(stream, path))
        {
            Tensorflow.Event e;
            try
            {
                e = Tensorflow.Event.Parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new DataLossException($"Corrupt event record in '{path}': {ex.Message}", ex);
            }

            yield return e;
        }
    }
}
