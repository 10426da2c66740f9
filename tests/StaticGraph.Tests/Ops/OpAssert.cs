using System.Globalization;

namespace StaticGraph.Tests.Ops;

/// <summary>Small helpers for the op tests: dtype names for theories, constants built from literal values, and
/// comparisons of fetched values against hand-computed expectations (read element by element, so the check does
/// not go through the kernels under test).</summary>
internal static class OpAssert
{
    /// <summary>The dtype a theory names (theory data stays serializable as plain strings).</summary>
    /// <summary>Builds a graph with <paramref name="build"/> in a fresh default graph and runs its result.</summary>
    public static NDArray Run(Func<Tensor> build)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = build();
            using var sess = new Session(g);
            return sess.Run(y);
        }
    }

    public static DType D(string name) => name switch
    {
        "float32" => DType.Float32,
        "float64" => DType.Float64,
        "int32" => DType.Int32,
        "int64" => DType.Int64,
        "uint8" => DType.UInt8,
        "bool" => DType.Bool,
        _ => throw new ArgumentException($"Unknown dtype name {name}.", nameof(name)),
    };

    /// <summary>A constant of <paramref name="dtype"/> holding <paramref name="values"/> in <paramref name="shape"/>.</summary>
    public static Tensor Const(DType dtype, double[] values, params int[] shape) =>
        tf.constant(NDArray.FromArray(values, shape.Length == 0 && values.Length != 1 ? [values.Length] : shape), dtype: dtype);

    /// <summary>The elements of a numeric value as doubles, read directly from its typed storage.</summary>
    public static double[] Values(NDArray nd)
    {
        ArgumentNullException.ThrowIfNull(nd);
        return nd.DType.Code switch
        {
            1 => nd.ToArray<float>().Select(v => (double)v).ToArray(),
            2 => nd.ToArray<double>(),
            3 => nd.ToArray<int>().Select(v => (double)v).ToArray(),
            9 => nd.ToArray<long>().Select(v => (double)v).ToArray(),
            4 => nd.ToArray<byte>().Select(v => (double)v).ToArray(),
            _ => throw new ArgumentException($"Not a numeric value: {nd.DType}.", nameof(nd)),
        };
    }

    /// <summary>Asserts dtype, shape and values (relative tolerance scaled for float32).</summary>
    public static void Close(NDArray actual, DType dtype, int[] shape, double[] expected, double tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(dtype, actual.DType);
        Assert.Equal(shape, actual.Shape.ToArray());
        double tol = tolerance > 0 ? tolerance : dtype == DType.Float32 ? 1e-6 : dtype == DType.Float64 ? 1e-12 : 0;
        var got = Values(actual);
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = got[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? e == a
                : Math.Abs(e - a) <= tol * Math.Max(1.0, Math.Abs(e));
            Assert.True(ok, string.Create(CultureInfo.InvariantCulture,
                $"element {i}: expected {e}, got {a} (all: [{string.Join(", ", got)}])"));
        }
    }

    /// <summary>Asserts a bool value's shape and elements.</summary>
    public static void Bools(NDArray actual, int[] shape, bool[] expected)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(DType.Bool, actual.DType);
        Assert.Equal(shape, actual.Shape.ToArray());
        Assert.Equal(expected, actual.ToArray<bool>());
    }
}
