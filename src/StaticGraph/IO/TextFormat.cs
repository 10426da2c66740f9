using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace StaticGraph;

/// <summary>
/// Protobuf text format (what TensorFlow writes as <c>.pbtxt</c>) over any generated message, driven by its
/// descriptor: <see cref="Parse{T}"/> reads the full grammar of protobuf's C++ <c>TextFormat</c> parser and
/// <see cref="Print"/> writes the C++ printer's style (two-space indents, <c>field {</c> ... <c>}</c>, C-escaped
/// strings), so TensorFlow reads what StaticGraph writes and the other way round.
/// </summary>
public static partial class TextFormat
{
    /// <summary>Nesting deeper than this is rejected (protobuf's default recursion limit).</summary>
    internal const int MaxDepth = 100;

    /// <summary>The messages <c>google.protobuf.Any</c> may expand to (<c>[type.googleapis.com/tensorflow.GraphDef] { }</c>):
    /// every message generated from proto/, with its dependencies.</summary>
    internal static TypeRegistry Registry { get; } = TypeRegistry.FromFiles(
        Tensorflow.AttrValueReflection.Descriptor, Tensorflow.CheckpointStateReflection.Descriptor,
        Tensorflow.EventReflection.Descriptor, Tensorflow.FunctionReflection.Descriptor,
        Tensorflow.GraphReflection.Descriptor, Tensorflow.MetaGraphReflection.Descriptor,
        Tensorflow.NodeDefReflection.Descriptor, Tensorflow.OpDefReflection.Descriptor,
        Tensorflow.ResourceHandleReflection.Descriptor, Tensorflow.SavedModelReflection.Descriptor,
        Tensorflow.SavedObjectGraphReflection.Descriptor, Tensorflow.SavedTensorSliceReflection.Descriptor,
        Tensorflow.SaverReflection.Descriptor, Tensorflow.StructReflection.Descriptor,
        Tensorflow.SummaryReflection.Descriptor, Tensorflow.TensorBundleReflection.Descriptor,
        Tensorflow.TensorReflection.Descriptor, Tensorflow.TensorShapeReflection.Descriptor,
        Tensorflow.TensorSliceReflection.Descriptor, Tensorflow.TrackableObjectGraphReflection.Descriptor,
        Tensorflow.TypesReflection.Descriptor, Tensorflow.VariableReflection.Descriptor,
        Tensorflow.VersionsReflection.Descriptor, Google.Protobuf.WellKnownTypes.AnyReflection.Descriptor);

    /// <summary>Parses protobuf text format into a new <typeparamref name="T"/>; a
    /// <see cref="TextFormatException"/> gives the line and column of anything malformed or unknown.</summary>
    public static T Parse<T>(string text) where T : IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(text);
        var message = new T();
        new Parser(text).ParseAll(message);
        return message;
    }

    /// <summary>Writes <paramref name="message"/> as protobuf text format, in the C++ printer's style.</summary>
    public static string Print(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sb = new System.Text.StringBuilder();
        PrintMessage(sb, message, 0);
        return sb.ToString();
    }
}
