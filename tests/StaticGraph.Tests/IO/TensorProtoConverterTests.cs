using Google.Protobuf;
using StaticGraph.IO;
using Tensorflow;

namespace StaticGraph.Tests.IO;

public class TensorProtoConverterTests
{
    private static TensorProto Proto(DataType dtype, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dim { Size = d }));
        return new TensorProto { Dtype = dtype, TensorShape = shape };
    }

    [Fact]
    public void A_shorter_val_list_repeats_its_last_element_to_fill_the_shape()
    {
        var p = Proto(DataType.DtFloat, 2, 3);
        p.FloatVal.AddRange([1f, 2f]);
        var nd = TensorProtoConverter.ToNDArray(p);
        Assert.Equal(new Shape(2, 3), nd.Shape);
        Assert.Equal(new[] { 1f, 2f, 2f, 2f, 2f, 2f }, nd.ToArray<float>());
    }

    [Fact]
    public void An_empty_val_list_means_zeros()
    {
        Assert.Equal(new long[3], TensorProtoConverter.ToNDArray(Proto(DataType.DtInt64, 3)).ToArray<long>());
    }

    [Fact]
    public void Typed_vals_read_for_every_dtype()
    {
        var i = Proto(DataType.DtInt32, 2);
        i.IntVal.AddRange([-1, 7]);
        Assert.Equal(new[] { -1, 7 }, TensorProtoConverter.ToNDArray(i).ToArray<int>());
        var u = Proto(DataType.DtUint8, 2);
        u.IntVal.AddRange([255, 3]);
        Assert.Equal(new byte[] { 255, 3 }, TensorProtoConverter.ToNDArray(u).ToArray<byte>());
        var d = Proto(DataType.DtDouble);
        d.DoubleVal.Add(0.25);
        Assert.Equal(0.25, TensorProtoConverter.ToNDArray(d).Item<double>());
        var b = Proto(DataType.DtBool, 3);
        b.BoolVal.AddRange([true, false]);
        Assert.Equal(new[] { true, false, false }, TensorProtoConverter.ToNDArray(b).ToArray<bool>());
        var s = Proto(DataType.DtString, 2);
        s.StringVal.AddRange([ByteString.CopyFromUtf8("ab"), ByteString.CopyFrom(0, 255)]);
        var strings = TensorProtoConverter.ToNDArray(s).ToArray<byte[]>();
        Assert.Equal("ab"u8.ToArray(), strings[0]);
        Assert.Equal(new byte[] { 0, 255 }, strings[1]);
    }

    [Fact]
    public void Tensor_content_is_little_endian_bytes()
    {
        var p = Proto(DataType.DtInt32, 2);
        p.TensorContent = ByteString.CopyFrom(1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff);
        Assert.Equal(new[] { 1, -2 }, TensorProtoConverter.ToNDArray(p).ToArray<int>());
        var f = Proto(DataType.DtFloat);
        f.TensorContent = ByteString.CopyFrom(0, 0, 0x80, 0x3f);
        Assert.Equal(1f, TensorProtoConverter.ToNDArray(f).Item<float>());
    }

    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(0)]
    public void Content_that_does_not_fit_the_declared_shape_is_an_error(int bytes)
    {
        var p = Proto(DataType.DtFloat, 2);
        p.TensorContent = ByteString.CopyFrom(new byte[bytes]);
        if (bytes == 0)
        {
            Assert.Equal(new float[2], TensorProtoConverter.ToNDArray(p).ToArray<float>());
            return;
        }

        var e = Assert.Throws<InvalidArgumentException>(() => TensorProtoConverter.ToNDArray(p));
        Assert.Contains($"needs 8 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains($"found {bytes}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_vals_than_elements_partial_shapes_and_huge_fills_are_errors()
    {
        var many = Proto(DataType.DtFloat, 1);
        many.FloatVal.AddRange([1f, 2f]);
        Assert.Throws<InvalidArgumentException>(() => TensorProtoConverter.ToNDArray(many));
        Assert.Throws<InvalidArgumentException>(() => TensorProtoConverter.ToNDArray(Proto(DataType.DtFloat, -1, 2)));
        Assert.Throws<InvalidArgumentException>(() => TensorProtoConverter.ToNDArray(Proto(DataType.DtFloat, -3)));
        var huge = Proto(DataType.DtFloat, 1L << 20, 1L << 20);
        huge.FloatVal.Add(1f);
        Assert.Throws<InvalidArgumentException>(() => TensorProtoConverter.ToNDArray(huge));
        Assert.Throws<InvalidArgumentException>(() => TensorProtoConverter.ToNDArray(Proto(DataType.DtHalf, 1)));
    }

    [Fact]
    public void Values_round_trip_for_every_dtype_and_arrays_use_tensor_content_as_TF_writes_them()
    {
        NDArray[] values =
        [
            NDArray.FromArray(new[] { 1.5f, -2f, float.NaN }, 3), NDArray.FromArray(new[] { 1.0, 2.0 }, 2, 1),
            NDArray.FromArray(new[] { 1, 2, 3, 4 }, 2, 2), NDArray.FromArray(new[] { 5L, -6L }, 2),
            NDArray.FromArray(new byte[] { 0, 255 }, 2), NDArray.FromArray(new[] { true, false }, 2),
            NDArray.FromString("hello"), 3f, 7L, true, NDArray.FromArray(Array.Empty<float>(), 0, 3),
        ];
        foreach (var v in values)
        {
            var proto = TensorProtoConverter.ToProto(v);
            Assert.Equal(v.Size > 1 && v.DType != DType.String, !proto.TensorContent.IsEmpty);
            var back = TensorProtoConverter.ToNDArray(TensorProto.Parser.ParseFrom(proto.ToByteArray()));
            Assert.Equal(v.DType, back.DType);
            Assert.Equal(v.Shape, back.Shape);
            Assert.Equal(v.ToString(), back.ToString());
        }

        Assert.Equal([3f], TensorProtoConverter.ToProto(3f).FloatVal);
    }

    [Fact]
    public void DTypes_and_shapes_map_to_TF_enums_and_shape_protos()
    {
        Assert.Equal(DataType.DtFloat, TensorProtoConverter.ToDataType(DType.Float32));
        Assert.Equal(DataType.DtBool, TensorProtoConverter.ToDataType(DType.Bool));
        Assert.Equal(DType.Float32, TensorProtoConverter.ToDType(DataType.DtFloatRef));
        Assert.Equal(DType.Int64, TensorProtoConverter.ToDType(DataType.DtInt64Ref));
        foreach (var dtype in DType.All)
        {
            Assert.Equal(dtype, TensorProtoConverter.ToDType(TensorProtoConverter.ToDataType(dtype)));
        }

        Assert.True(TensorProtoConverter.ToProto(Shape.Unknown).UnknownRank);
        Assert.Equal(Shape.Unknown, TensorProtoConverter.ToShape(new TensorShapeProto { UnknownRank = true }));
        Shape partial = [-1, 784];
        Assert.Equal(partial, TensorProtoConverter.ToShape(TensorProtoConverter.ToProto(partial)));
        Assert.Equal(Shape.Scalar, TensorProtoConverter.ToShape(new TensorShapeProto()));
    }
}
