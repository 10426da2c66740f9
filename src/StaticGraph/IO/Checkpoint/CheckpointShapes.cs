using Tensorflow;

namespace StaticGraph.IO;

/// <summary>Checked conversions from a checkpoint's shape and dtype protos: dimensions non-negative and the element
/// count within what a dense buffer can hold, so a corrupt size never drives an allocation.</summary>
internal static class CheckpointShapes
{
    public static int[] FromProto(TensorShapeProto? proto, string file, string name)
    {
        if (proto is null || proto.UnknownRank)
        {
            throw Coding.Corrupt(file, $"tensor '{name}' has no shape");
        }

        var dims = new int[proto.Dim.Count];
        long count = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            long d = proto.Dim[i].Size;
            if (d < 0 || d > int.MaxValue)
            {
                throw Coding.Corrupt(file, $"tensor '{name}' has dimension {d}");
            }

            dims[i] = (int)d;
            count = count == 0 || d == 0 ? 0 : count * d;
            if (count > Array.MaxLength)
            {
                throw Coding.Corrupt(file, $"tensor '{name}' has too many elements");
            }
        }

        return dims;
    }

    public static DType ToDType(DataType dtype, string name) => (int)dtype switch
    {
        1 or 2 or 3 or 4 or 7 or 9 or 10 => DType.FromCode((int)dtype),
        _ => throw new InvalidArgumentException($"Tensor '{name}' has dtype {dtype}, which StaticGraph does not support."),
    };
}
