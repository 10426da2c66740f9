namespace StaticGraph.Tests.Core;

public class DTypeTests
{
    [Fact]
    public void DTypes_have_value_equality()
    {
        Assert.Equal(tf.float32, DType.Float32);
        Assert.True(tf.float32 == DType.Of<float>());
        Assert.True(tf.float32 != tf.float64);
        Assert.Equal(tf.float32.GetHashCode(), DType.Float32.GetHashCode());
        Assert.True(tf.float32.Equals((object)DType.Float32));
        Assert.Equal(tf.@double, tf.float64);
    }

    [Fact]
    public void DTypes_carry_TF1_python_names()
    {
        Assert.Equal("float32", tf.float32.Name);
        Assert.Equal("float64", tf.float64.Name);
        Assert.Equal("int32", tf.int32.Name);
        Assert.Equal("int64", tf.int64.Name);
        Assert.Equal("uint8", tf.uint8.Name);
        Assert.Equal("bool", tf.@bool.Name);
        Assert.Equal("string", tf.@string.Name);
        Assert.Equal("float32", tf.float32.ToString());
    }

    [Fact]
    public void DTypes_map_to_TensorFlow_DataType_numbers()
    {
        Assert.Equal(1, tf.float32.Code);
        Assert.Equal(2, tf.float64.Code);
        Assert.Equal(3, tf.int32.Code);
        Assert.Equal(4, tf.uint8.Code);
        Assert.Equal(7, tf.@string.Code);
        Assert.Equal(9, tf.int64.Code);
        Assert.Equal(10, tf.@bool.Code);
        Assert.Equal(tf.float32, DType.FromCode(101));
        Assert.Throws<InvalidArgumentException>(() => DType.FromCode(5));
    }

    [Fact]
    public void DTypes_map_to_their_CLR_element_types()
    {
        Assert.Equal(tf.float32, DType.Of<float>());
        Assert.Equal(tf.float64, DType.Of<double>());
        Assert.Equal(tf.int32, DType.Of<int>());
        Assert.Equal(tf.int64, DType.Of<long>());
        Assert.Equal(tf.uint8, DType.Of<byte>());
        Assert.Equal(tf.@bool, DType.Of<bool>());
        Assert.Equal(typeof(float), tf.float32.ClrType);
        Assert.Equal(typeof(long), tf.int64.ClrType);
        Assert.Throws<InvalidArgumentException>(() => DType.Of<decimal>());
    }

    [Fact]
    public void DType_categories_and_sizes_are_as_TF()
    {
        Assert.True(tf.float32.IsFloating);
        Assert.False(tf.int32.IsFloating);
        Assert.True(tf.uint8.IsInteger);
        Assert.False(tf.@bool.IsNumeric);
        Assert.False(tf.@string.IsNumeric);
        Assert.Equal(4, tf.float32.Size);
        Assert.Equal(8, tf.int64.Size);
        Assert.Equal(1, tf.@bool.Size);
        Assert.False(default(DType).IsValid);
        Assert.Equal(7, DType.All.Count);
    }
}
