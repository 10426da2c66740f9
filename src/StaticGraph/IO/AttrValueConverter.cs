using System.Text;
using Google.Protobuf;
using Tensorflow;

namespace StaticGraph.IO;

/// <summary>
/// <see cref="AttrMap"/> values ⇄ <c>AttrValue</c>: <c>long</c> ⇄ <c>i</c>, <c>float</c> ⇄ <c>f</c>, <c>bool</c> ⇄
/// <c>b</c>, <c>string</c> ⇄ <c>s</c>, <see cref="DType"/> ⇄ <c>type</c>, <see cref="Shape"/> ⇄ <c>shape</c>,
/// <see cref="NDArray"/> ⇄ <c>tensor</c>, arrays of those ⇄ <c>list</c>.
/// </summary>
internal static class AttrValueConverter
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static AttrValue ToProto(object value) => value switch
    {
        long i => new AttrValue { I = i },
        int i => new AttrValue { I = i },
        float f => new AttrValue { F = f },
        double d => new AttrValue { F = (float)d },
        bool b => new AttrValue { B = b },
        string s => new AttrValue { S = ByteString.CopyFromUtf8(s) },
        byte[] s => new AttrValue { S = ByteString.CopyFrom(s) },
        DType t => new AttrValue { Type = TensorProtoConverter.ToDataType(t) },
        Shape s => new AttrValue { Shape = TensorProtoConverter.ToProto(s) },
        NDArray t => new AttrValue { Tensor = TensorProtoConverter.ToProto(t) },
        long[] a => List(l => l.I.AddRange(a)),
        int[] a => List(l => l.I.AddRange(a.Select(x => (long)x))),
        float[] a => List(l => l.F.AddRange(a)),
        double[] a => List(l => l.F.AddRange(a.Select(x => (float)x))),
        bool[] a => List(l => l.B.AddRange(a)),
        string[] a => List(l => l.S.AddRange(a.Select(ByteString.CopyFromUtf8))),
        byte[][] a => List(l => l.S.AddRange(a.Select(b => ByteString.CopyFrom(b)))),
        DType[] a => List(l => l.Type.AddRange(a.Select(TensorProtoConverter.ToDataType))),
        Shape[] a => List(l => l.Shape.AddRange(a.Select(TensorProtoConverter.ToProto))),
        NDArray[] a => List(l => l.Tensor.AddRange(a.Select(TensorProtoConverter.ToProto))),
        FuncGraph f => new AttrValue { Func = new NameAttrList { Name = f.Name } },
        _ => throw new GraphException($"An attr value of type {value.GetType().Name} has no TensorFlow AttrValue form."),
    };

    private static AttrValue List(Action<AttrValue.Types.ListValue> fill)
    {
        var list = new AttrValue.Types.ListValue();
        fill(list);
        return new AttrValue { List = list };
    }

    /// <summary>The AttrMap value of <paramref name="value"/>; an <see cref="InvalidArgumentException"/> for what
    /// StaticGraph cannot hold (function attrs, unsupported dtypes).</summary>
    public static object FromProto(AttrValue value, Func<string, FuncGraph>? functions = null) => value.ValueCase switch
    {
        AttrValue.ValueOneofCase.S => Text(value.S),
        AttrValue.ValueOneofCase.I => value.I,
        AttrValue.ValueOneofCase.F => value.F,
        AttrValue.ValueOneofCase.B => value.B,
        AttrValue.ValueOneofCase.Type => TensorProtoConverter.ToDType(value.Type),
        AttrValue.ValueOneofCase.Shape => TensorProtoConverter.ToShape(value.Shape),
        AttrValue.ValueOneofCase.Tensor => TensorProtoConverter.ToNDArray(value.Tensor),
        AttrValue.ValueOneofCase.List => FromList(value.List),
        AttrValue.ValueOneofCase.Func => functions is not null
            ? functions(value.Func.Name)
            : throw new InvalidArgumentException($"function attr '{value.Func.Name}' outside a graph with a function library"),
        AttrValue.ValueOneofCase.Placeholder => throw new InvalidArgumentException($"placeholder attrs (${value.Placeholder}) belong in function bodies"),
        _ => throw new InvalidArgumentException("the AttrValue holds no value"),
    };

    private static object FromList(AttrValue.Types.ListValue list) =>
        list.S.Count > 0 ? Texts(list.S)
        : list.I.Count > 0 ? list.I.ToArray()
        : list.F.Count > 0 ? list.F.ToArray()
        : list.B.Count > 0 ? list.B.ToArray()
        : list.Type.Count > 0 ? list.Type.Select(TensorProtoConverter.ToDType).ToArray()
        : list.Shape.Count > 0 ? list.Shape.Select(TensorProtoConverter.ToShape).ToArray()
        : list.Tensor.Count > 0 ? list.Tensor.Select(TensorProtoConverter.ToNDArray).ToArray()
        : list.Func.Count > 0 ? throw new InvalidArgumentException("function list attrs are not supported")
        : Array.Empty<long>();

    private static object Texts(IReadOnlyList<ByteString> items)
    {
        var texts = items.Select(Text).ToArray();
        return texts.All(t => t is string) ? texts.Cast<string>().ToArray() : items.Select(b => b.ToByteArray()).ToArray();
    }

    // TF's string attrs are bytes; text (padding, data_format, _class) becomes a string, other bytes stay bytes.
    private static object Text(ByteString bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            return bytes.ToByteArray();
        }
    }
}
