namespace StaticGraph;

/// <summary>
/// An element type of a tensor. Values mirror TensorFlow's <c>DataType</c> enum, so a <see cref="DType"/> maps to the
/// wire format one to one. Has value equality (<c>nd.DType == tf.float32</c>).
/// </summary>
public readonly struct DType : IEquatable<DType>
{
    private DType(int code) => Code = code;

    /// <summary>TensorFlow's <c>DataType</c> number (DT_FLOAT = 1, DT_DOUBLE = 2, ...).</summary>
    internal int Code { get; }

    /// <summary>32-bit IEEE float (DT_FLOAT).</summary>
    public static DType Float32 { get; } = new(1);

    /// <summary>64-bit IEEE float (DT_DOUBLE).</summary>
    public static DType Float64 { get; } = new(2);

    /// <summary>32-bit signed integer (DT_INT32).</summary>
    public static DType Int32 { get; } = new(3);

    /// <summary>8-bit unsigned integer (DT_UINT8).</summary>
    public static DType UInt8 { get; } = new(4);

    /// <summary>Byte string (DT_STRING): serialized protos, file names.</summary>
    public static DType String { get; } = new(7);

    /// <summary>64-bit signed integer (DT_INT64).</summary>
    public static DType Int64 { get; } = new(9);

    /// <summary>Boolean (DT_BOOL).</summary>
    public static DType Bool { get; } = new(10);

    /// <summary>An opaque value (DT_VARIANT): here, a <c>TensorList</c>, the accumulator a differentiable
    /// <c>tf.while_loop</c> keeps its per-iteration values in. Not a numeric dtype; users never feed it.</summary>
    public static DType Variant { get; } = new(21);

    /// <summary>Every supported data dtype (feedable and storable; <see cref="Variant"/> is internal plumbing).</summary>
    public static IReadOnlyList<DType> All { get; } = [Float32, Float64, Int32, UInt8, String, Int64, Bool];

    /// <summary>The TF1 Python name: <c>float32</c>, <c>int64</c>, <c>bool</c>, ...</summary>
    public string Name => Code switch
    {
        1 => "float32",
        2 => "float64",
        3 => "int32",
        4 => "uint8",
        7 => "string",
        9 => "int64",
        10 => "bool",
        21 => "variant",
        _ => $"invalid({Code})",
    };

    /// <summary>The CLR element type used to store values of this dtype (<c>byte[]</c> for strings).</summary>
    public Type ClrType => Code switch
    {
        1 => typeof(float),
        2 => typeof(double),
        3 => typeof(int),
        4 => typeof(byte),
        7 => typeof(byte[]),
        9 => typeof(long),
        10 => typeof(bool),
        21 => typeof(object),
        _ => throw new InvalidOperationException($"DType {Name} has no element type."),
    };

    /// <summary>Size of one element in bytes (0 for strings, whose elements vary in length).</summary>
    public int Size => Code switch { 1 => 4, 2 => 8, 3 => 4, 4 => 1, 9 => 8, 10 => 1, _ => 0 };

    /// <summary>True for float32 and float64.</summary>
    public bool IsFloating => Code is 1 or 2;

    /// <summary>True for int32, int64 and uint8.</summary>
    public bool IsInteger => Code is 3 or 4 or 9;

    /// <summary>True for the floating and integer dtypes (those arithmetic ops accept).</summary>
    public bool IsNumeric => IsFloating || IsInteger;

    /// <summary>True for a valid dtype (not <c>default(DType)</c>).</summary>
    public bool IsValid => Code is 1 or 2 or 3 or 4 or 7 or 9 or 10 or 21;

    /// <summary>The dtype whose TensorFlow <c>DataType</c> number is <paramref name="code"/>; ref types (+100) map to
    /// their base type.</summary>
    internal static DType FromCode(int code)
    {
        var d = new DType(code > 100 ? code - 100 : code);
        return d.IsValid ? d : throw new InvalidArgumentException($"Unsupported TensorFlow DataType {code}.");
    }

    /// <summary>The dtype that stores CLR type <typeparamref name="T"/>.</summary>
    public static DType Of<T>() => FromClr(typeof(T));

    /// <summary>The dtype that stores CLR type <paramref name="type"/>.</summary>
    public static DType FromClr(Type type) =>
        type == typeof(float) ? Float32 :
        type == typeof(double) ? Float64 :
        type == typeof(int) ? Int32 :
        type == typeof(long) ? Int64 :
        type == typeof(byte) ? UInt8 :
        type == typeof(bool) ? Bool :
        type == typeof(byte[]) || type == typeof(string) ? String :
        throw new InvalidArgumentException($"No StaticGraph dtype stores CLR type {type.Name}.");

    /// <inheritdoc/>
    public bool Equals(DType other) => Code == other.Code;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DType d && Equals(d);

    /// <inheritdoc/>
    public override int GetHashCode() => Code;

    /// <summary>Value equality.</summary>
    public static bool operator ==(DType left, DType right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(DType left, DType right) => !left.Equals(right);

    /// <summary>The TF1 name, e.g. <c>float32</c>.</summary>
    public override string ToString() => Name;
}
