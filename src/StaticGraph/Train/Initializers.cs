using StaticGraph.Ops;

namespace StaticGraph.Train;

/// <summary>TF1's variable initializers with their defaults and seeds. Each returns an <see cref="Initializer"/>
/// that builds the initial-value subgraph (random ops draw anew each time the initializer runs).</summary>
internal static class Initializers
{
    /// <summary>All zeros.</summary>
    public static Initializer Zeros() => (shape, dtype) => tf.zeros(shape, dtype);

    /// <summary>All ones.</summary>
    public static Initializer Ones() => (shape, dtype) => tf.ones(shape, dtype);

    /// <summary>A constant: a scalar fills the shape; a value of the same size is reshaped.</summary>
    public static Initializer Constant(NDArray value) => (shape, dtype) => tf.constant(value, dtype, shape);

    /// <summary>N(mean, stddev²).</summary>
    public static Initializer RandomNormal(double mean, double stddev, int? seed) =>
        (shape, dtype) => tf.random_normal(shape, mean, stddev, Float(dtype), seed);

    /// <summary>N(mean, stddev²) redrawn beyond two standard deviations.</summary>
    public static Initializer TruncatedNormal(double mean, double stddev, int? seed) =>
        (shape, dtype) => tf.truncated_normal(shape, mean, stddev, Float(dtype), seed);

    /// <summary>U[minval, maxval).</summary>
    public static Initializer RandomUniform(double minval, double maxval, int? seed) =>
        (shape, dtype) => tf.random_uniform(shape, minval, maxval, Float(dtype), seed);

    /// <summary>Variance scaling: n = fan_in, fan_out or their mean; "truncated_normal" draws with
    /// stddev = √(scale/n) / 0.8796 (the truncated normal's own stddev), "untruncated_normal" with √(scale/n),
    /// "uniform" from ±√(3·scale/n).</summary>
    public static Initializer VarianceScaling(double scale, string mode, string distribution, int? seed)
    {
        if (scale <= 0)
        {
            throw new ArgumentException($"`scale` must be a positive float, got {scale}.", nameof(scale));
        }

        if (mode is not ("fan_in" or "fan_out" or "fan_avg"))
        {
            throw new ArgumentException($"Invalid `mode` argument: {mode} (expected fan_in, fan_out or fan_avg).", nameof(mode));
        }

        if (distribution is not ("normal" or "truncated_normal" or "untruncated_normal" or "uniform"))
        {
            throw new ArgumentException($"Invalid `distribution` argument: {distribution}.", nameof(distribution));
        }

        return (shape, dtype) =>
        {
            var (fanIn, fanOut) = Fans(shape);
            double n = mode switch
            {
                "fan_in" => fanIn,
                "fan_out" => fanOut,
                _ => (fanIn + fanOut) / 2.0,
            };
            double s = scale / Math.Max(1.0, n);
            return distribution switch
            {
                "uniform" => tf.random_uniform(shape, -Math.Sqrt(3 * s), Math.Sqrt(3 * s), Float(dtype), seed),
                "untruncated_normal" => tf.random_normal(shape, 0, Math.Sqrt(s), Float(dtype), seed),
                _ => tf.truncated_normal(shape, 0, Math.Sqrt(s) / 0.87962566103423978, Float(dtype), seed),
            };
        };
    }

    /// <summary>Glorot/Xavier uniform: U(±√(6/(fan_in + fan_out))); the default of tf.get_variable and tf.layers.</summary>
    public static Initializer GlorotUniform(int? seed) => VarianceScaling(1.0, "fan_avg", "uniform", seed);

    /// <summary>Glorot/Xavier normal (truncated).</summary>
    public static Initializer GlorotNormal(int? seed) => VarianceScaling(1.0, "fan_avg", "truncated_normal", seed);

    /// <summary>The identity matrix times <paramref name="gain"/> (2-D shapes only).</summary>
    public static Initializer Identity(double gain) => (shape, dtype) =>
    {
        if (shape.Rank != 2)
        {
            throw new GraphException($"The identity initializer needs a 2-D shape, got {shape}.");
        }

        var eye = NDArray.Zeros(DType.Float64, shape);
        var e = eye.AsSpan<double>();
        for (int i = 0; i < Math.Min(shape[0], shape[1]); i++)
        {
            e[(i * shape[1]) + i] = gain;
        }

        return tf.constant(eye, dtype);
    };

    /// <summary>A (semi-)orthogonal matrix times <paramref name="gain"/>: the Q of a QR decomposition of a normal
    /// sample of shape [rows, cols] with rows = Π shape[:-1], cols = shape[-1] (transposed when rows &lt; cols), its
    /// columns' signs fixed by R's diagonal so the distribution is uniform, reshaped to the shape (TF1's algorithm).</summary>
    public static Initializer Orthogonal(double gain, int? seed) => (shape, dtype) =>
    {
        if (shape.Rank < 2)
        {
            throw new GraphException($"The orthogonal initializer needs a shape of rank >= 2, got {shape}.");
        }

        int cols = shape[-1];
        int rows = checked((int)(shape.NumElements / Math.Max(1, cols)));
        var flat = rows < cols ? new Shape(cols, rows) : new Shape(rows, cols);
        var a = tf.random_normal(flat, 0, 1, Float(dtype), seed);
        var (q, r) = LinalgOps.Qr(a, false, null);
        var signs = MathOps.Sign(LinalgOps.MatrixDiagPart(r, null), null);
        q = q * signs;
        if (rows < cols)
        {
            q = tf.transpose(q);
        }

        return tf.reshape(q * gain, shape);
    };

    /// <summary>TF's fan computation: scalars 1/1, vectors n/n, matrices rows/columns, convolution kernels
    /// [..., in, out] with the receptive field size multiplied in.</summary>
    internal static (double FanIn, double FanOut) Fans(Shape shape) => shape.Rank switch
    {
        < 1 => (1, 1),
        1 => (shape[0], shape[0]),
        2 => (shape[0], shape[1]),
        _ => (shape[-2] * Receptive(shape), shape[-1] * Receptive(shape)),
    };

    private static double Receptive(Shape shape) => shape.Take(shape.Rank - 2).Aggregate(1.0, (a, d) => a * d);

    private static DType Float(DType dtype) => dtype.IsFloating
        ? dtype
        : throw new GraphException($"Random initializers need a floating-point dtype, got {dtype}.");
}
