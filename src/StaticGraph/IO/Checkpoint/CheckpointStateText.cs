using Tensorflow;

namespace StaticGraph.IO;

/// <summary>The <c>checkpoint</c> state file's text format, via the shared protobuf text-format reader/writer.</summary>
internal static class CheckpointStateText
{
    public static CheckpointState Parse(string text) => TextFormat.Parse<CheckpointState>(text);

    public static string Print(CheckpointState state) => TextFormat.Print(state);
}
