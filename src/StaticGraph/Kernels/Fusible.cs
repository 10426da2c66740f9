namespace StaticGraph.Kernels;

/// <summary>What the fusion pass needs of an elementwise op y = f(x) or z = f(x, y): its span functions for float32
/// and float64. Every function writes element i from the operands' element i only, so it may run block by block and
/// write over an operand it reads (exact overlap).</summary>
internal sealed class Fusible
{
    private readonly object _f32;
    private readonly object _f64;

    private Fusible(int arity, object f32, object f64, VectorOp vector = VectorOp.None)
    {
        Arity = arity;
        _f32 = f32;
        _f64 = f64;
        Vector = vector;
    }

    /// <summary>The op as one register operation, when it is one of the exact IEEE operations a fused loop can
    /// apply to whole vectors with the same result as its span function; <see cref="VectorOp.None"/> otherwise.</summary>
    public VectorOp Vector { get; }

    /// <summary>1 for y = f(x), 2 for z = f(x, y).</summary>
    public int Arity { get; }

    /// <summary>A unary op given per dtype.</summary>
    public static Fusible Unary(UnarySpan<float> f32, UnarySpan<double> f64, VectorOp vector = VectorOp.None) => new(1, f32, f64, vector);

    /// <summary>A unary op given generically.</summary>
    public static Fusible Unary(INumericUnary fn, VectorOp vector = VectorOp.None) => new(1, fn.Fn<float>(), fn.Fn<double>(), vector);

    /// <summary>A binary op given generically (its vector-vector, vector-scalar and scalar-vector forms).</summary>
    public static Fusible Binary(INumericBinary fn, VectorOp vector = VectorOp.None) => new(2, fn.Fn<float>(), fn.Fn<double>(), vector);

    /// <summary>The unary span function for float or double.</summary>
    public UnarySpan<T> UnaryFn<T>() => (UnarySpan<T>)(typeof(T) == typeof(float) ? _f32 : _f64);

    /// <summary>The binary span functions for float or double.</summary>
    public BinaryFn<T, T> BinaryFn<T>() => (BinaryFn<T, T>)(typeof(T) == typeof(float) ? _f32 : _f64);
}

/// <summary>The elementwise ops a fused loop can run in registers (see <see cref="Fusible.Vector"/>).</summary>
internal enum VectorOp
{
    None,
    Add,
    Sub,
    Mul,
    Div,
    Max,
    Min,
    Neg,
    Square,
    Relu,
}
