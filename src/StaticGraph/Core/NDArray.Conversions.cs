namespace StaticGraph;

// Implicit conversions from CLR scalars and arrays (API.md: "Values: NDArray"), and explicit casts to scalars.
public sealed partial class NDArray
{
    /// <summary>A scalar <c>float</c> value.</summary>
    public static implicit operator NDArray(float value) => Scalar(value);

    /// <summary>A 1-D copy of the array.</summary>
    public static implicit operator NDArray(float[] values) => FromArray(values ?? throw new ArgumentNullException(nameof(values)), values.Length);

    /// <summary>A 2-D copy of the array.</summary>
    public static implicit operator NDArray(float[,] values) => FromMultiDimArray(values);

    /// <summary>A 3-D copy of the array.</summary>
    public static implicit operator NDArray(float[,,] values) => FromMultiDimArray(values);

    /// <summary>A 4-D copy of the array.</summary>
    public static implicit operator NDArray(float[,,,] values) => FromMultiDimArray(values);

    /// <summary>The element of a one-element value, converted to <c>float</c> like a numpy scalar cast.</summary>
    public static explicit operator float(NDArray value) => (value ?? throw new ArgumentNullException(nameof(value))).AsType(DType.Of<float>()).Item<float>();

    /// <summary>A scalar <c>double</c> value.</summary>
    public static implicit operator NDArray(double value) => Scalar(value);

    /// <summary>A 1-D copy of the array.</summary>
    public static implicit operator NDArray(double[] values) => FromArray(values ?? throw new ArgumentNullException(nameof(values)), values.Length);

    /// <summary>A 2-D copy of the array.</summary>
    public static implicit operator NDArray(double[,] values) => FromMultiDimArray(values);

    /// <summary>A 3-D copy of the array.</summary>
    public static implicit operator NDArray(double[,,] values) => FromMultiDimArray(values);

    /// <summary>A 4-D copy of the array.</summary>
    public static implicit operator NDArray(double[,,,] values) => FromMultiDimArray(values);

    /// <summary>The element of a one-element value, converted to <c>double</c> like a numpy scalar cast.</summary>
    public static explicit operator double(NDArray value) => (value ?? throw new ArgumentNullException(nameof(value))).AsType(DType.Of<double>()).Item<double>();

    /// <summary>A scalar <c>int</c> value.</summary>
    public static implicit operator NDArray(int value) => Scalar(value);

    /// <summary>A 1-D copy of the array.</summary>
    public static implicit operator NDArray(int[] values) => FromArray(values ?? throw new ArgumentNullException(nameof(values)), values.Length);

    /// <summary>A 2-D copy of the array.</summary>
    public static implicit operator NDArray(int[,] values) => FromMultiDimArray(values);

    /// <summary>A 3-D copy of the array.</summary>
    public static implicit operator NDArray(int[,,] values) => FromMultiDimArray(values);

    /// <summary>A 4-D copy of the array.</summary>
    public static implicit operator NDArray(int[,,,] values) => FromMultiDimArray(values);

    /// <summary>The element of a one-element value, converted to <c>int</c> like a numpy scalar cast.</summary>
    public static explicit operator int(NDArray value) => (value ?? throw new ArgumentNullException(nameof(value))).AsType(DType.Of<int>()).Item<int>();

    /// <summary>A scalar <c>long</c> value.</summary>
    public static implicit operator NDArray(long value) => Scalar(value);

    /// <summary>A 1-D copy of the array.</summary>
    public static implicit operator NDArray(long[] values) => FromArray(values ?? throw new ArgumentNullException(nameof(values)), values.Length);

    /// <summary>A 2-D copy of the array.</summary>
    public static implicit operator NDArray(long[,] values) => FromMultiDimArray(values);

    /// <summary>A 3-D copy of the array.</summary>
    public static implicit operator NDArray(long[,,] values) => FromMultiDimArray(values);

    /// <summary>A 4-D copy of the array.</summary>
    public static implicit operator NDArray(long[,,,] values) => FromMultiDimArray(values);

    /// <summary>The element of a one-element value, converted to <c>long</c> like a numpy scalar cast.</summary>
    public static explicit operator long(NDArray value) => (value ?? throw new ArgumentNullException(nameof(value))).AsType(DType.Of<long>()).Item<long>();

    /// <summary>A scalar <c>bool</c> value.</summary>
    public static implicit operator NDArray(bool value) => Scalar(value);

    /// <summary>A 1-D copy of the array.</summary>
    public static implicit operator NDArray(bool[] values) => FromArray(values ?? throw new ArgumentNullException(nameof(values)), values.Length);

    /// <summary>A 2-D copy of the array.</summary>
    public static implicit operator NDArray(bool[,] values) => FromMultiDimArray(values);

    /// <summary>A 3-D copy of the array.</summary>
    public static implicit operator NDArray(bool[,,] values) => FromMultiDimArray(values);

    /// <summary>A 4-D copy of the array.</summary>
    public static implicit operator NDArray(bool[,,,] values) => FromMultiDimArray(values);

    /// <summary>The element of a one-element value, converted to <c>bool</c> like a numpy scalar cast.</summary>
    public static explicit operator bool(NDArray value) => (value ?? throw new ArgumentNullException(nameof(value))).AsType(DType.Of<bool>()).Item<bool>();

    /// <summary>A scalar <c>byte</c> value.</summary>
    public static implicit operator NDArray(byte value) => Scalar(value);

    /// <summary>A 1-D copy of the array.</summary>
    public static implicit operator NDArray(byte[] values) => FromArray(values ?? throw new ArgumentNullException(nameof(values)), values.Length);

    /// <summary>A 2-D copy of the array.</summary>
    public static implicit operator NDArray(byte[,] values) => FromMultiDimArray(values);

    /// <summary>A 3-D copy of the array.</summary>
    public static implicit operator NDArray(byte[,,] values) => FromMultiDimArray(values);

    /// <summary>A 4-D copy of the array.</summary>
    public static implicit operator NDArray(byte[,,,] values) => FromMultiDimArray(values);

    /// <summary>The element of a one-element value, converted to <c>byte</c> like a numpy scalar cast.</summary>
    public static explicit operator byte(NDArray value) => (value ?? throw new ArgumentNullException(nameof(value))).AsType(DType.Of<byte>()).Item<byte>();

    /// <summary>A string scalar (UTF-8 bytes, dtype string).</summary>
    public static implicit operator NDArray(string value) => FromString(value);

    /// <summary>A 1-D string value (UTF-8 bytes).</summary>
    public static implicit operator NDArray(string[] values) => FromMultiDimArray(values);
}
