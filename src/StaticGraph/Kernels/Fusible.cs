namespace StaticGraph.Kernels;

/// <summary>What the fusion pass needs of an elementwise op y = f(x) or z = f(x, y): its span functions for float32
/// and float64. Every function writes element i from the operands' element i only, so it may run block by block and
/// write over an operand it reads (exact overlap).</summary>
internal sealed class Fusible
{
    private readonly object _f32;
    private readonly object _f64;

    private Fusible(int arity, object f32, object f64)
    {
        Arity = arity;
        _f32 = f32;
        _f64 = f64;
    }

    /// <summary>1 for y = f(x), 2 for z = f(x, y).</summary>
    public int Arity { get; }

    /// <summary>A unary op given per dtype.</summary>
    public static Fusible Unary(UnarySpan<float> f32, UnarySpan<double> f64) => new(1, f32, f64);

    /// <summary>A unary op given generically.</summary>
    public static Fusible Unary(INumericUnary fn) => new(1, fn.Fn<float>(), fn.Fn<double>());

    /// <summary>A binary op given generically (its vector-vector, vector-scalar and scalar-vector forms).</summary>
    public static Fusible Binary(INumericBinary fn) => new(2, fn.Fn<float>(), fn.Fn<double>());

    /// <summary>The unary span function for float or double.</summary>
    public UnarySpan<T> UnaryFn<T>() => (UnarySpan<T>)(typeof(T) == typeof(float) ? _f32 : _f64);

    /// <summary>The binary span functions for float or double.</summary>
    public BinaryFn<T, T> BinaryFn<T>() => (BinaryFn<T, T>)(typeof(T) == typeof(float) ? _f32 : _f64);
}
