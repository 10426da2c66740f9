using StaticGraph.Ops;
using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>Kernels of the binary and unary math ops and MatMul, against hand-computed values.</summary>
public class MathOpsTests
{
    private static readonly double[] X = [1, 2.5, -3];
    private static readonly double[] Y = [4, -0.5, 3];

    private static NDArray RunBinary(string dtype, Func<Tensor, Tensor, Tensor> build, double[] x, double[] y)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var z = build(Const(d, x, x.Length), Const(d, y, y.Length));
            using var sess = new Session(g);
            return sess.Run(z);
        }
    }

    private static NDArray RunUnary(string dtype, Func<Tensor, Tensor> build, double[] x)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = build(Const(d, x, x.Length));
            using var sess = new Session(g);
            return sess.Run(y);
        }
    }

    // ---- binary arithmetic, floating point ----

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Add_adds_elementwise(string dtype) =>
        Close(RunBinary(dtype, (a, b) => tf.add(a, b), X, Y), D(dtype), [3], [5, 2, 0]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void AddV2_adds_elementwise(string dtype)
    {
        var r = RunBinary(dtype, (a, b) => MathOps.BinaryOp("AddV2", a, b, null), [1, 2, -3], [4, -5, 3]);
        Close(r, D(dtype), [3], [5, -3, 0]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Sub_subtracts_the_second_input_from_the_first(string dtype) =>
        Close(RunBinary(dtype, (a, b) => tf.subtract(a, b), X, Y), D(dtype), [3], [-3, 3, -6]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Mul_multiplies_elementwise(string dtype) =>
        Close(RunBinary(dtype, (a, b) => tf.multiply(a, b), X, Y), D(dtype), [3], [4, -1.25, -9]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void RealDiv_divides_elementwise(string dtype) =>
        Close(RunBinary(dtype, (a, b) => MathOps.RealDiv(a, b, null), X, Y), D(dtype), [3], [0.25, -5, -1]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void RealDiv_by_zero_gives_infinities_and_nan(string dtype) =>
        Close(RunBinary(dtype, (a, b) => MathOps.RealDiv(a, b, null), [1, -1, 0], [0, 0, 0]), D(dtype), [3],
            [double.PositiveInfinity, double.NegativeInfinity, double.NaN]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Div_on_floats_is_true_division(string dtype) =>
        Close(RunBinary(dtype, (a, b) => MathOps.Div(a, b, null), [-7, 7, 1], [2, 2, 8]), D(dtype), [3], [-3.5, 3.5, 0.125]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void FloorDiv_on_floats_rounds_toward_negative_infinity(string dtype) =>
        Close(RunBinary(dtype, (a, b) => tf.floordiv(a, b), [-7, 7, 7.5, -7.5, 7], [2, 2, 2, 2, -2]), D(dtype), [5], [-4, 3, 3, -4, -4]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void FloorMod_on_floats_takes_the_sign_of_the_divisor(string dtype) =>
        Close(RunBinary(dtype, (a, b) => tf.floormod(a, b), [-7, 7, 7.5, -7.5, 6, -7], [3, -3, 2, 2, 3, -3]), D(dtype), [6],
            [2, -2, 1.5, 0.5, 0, -1]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Maximum_and_Minimum_pick_elementwise(string dtype)
    {
        Close(RunBinary(dtype, (a, b) => tf.maximum(a, b), [1, -2, 3], [0, 5, 3]), D(dtype), [3], [1, 5, 3]);
        Close(RunBinary(dtype, (a, b) => tf.minimum(a, b), [1, -2, 3], [0, 5, 3]), D(dtype), [3], [0, -2, 3]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Pow_raises_floats_to_real_powers(string dtype) =>
        Close(RunBinary(dtype, (a, b) => tf.pow(a, b), [2, 9, 4, 5], [3, 0.5, -1, 0]), D(dtype), [4], [8, 3, 0.25, 1]);

    // ---- binary arithmetic, integers ----

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Add_Sub_Mul_work_on_integers(string dtype)
    {
        Close(RunBinary(dtype, (a, b) => tf.add(a, b), [7, -7, 0], [2, 3, -4]), D(dtype), [3], [9, -4, -4]);
        Close(RunBinary(dtype, (a, b) => tf.subtract(a, b), [7, -7, 0], [2, 3, -4]), D(dtype), [3], [5, -10, 4]);
        Close(RunBinary(dtype, (a, b) => tf.multiply(a, b), [7, -7, 0], [2, 3, -4]), D(dtype), [3], [14, -21, 0]);
    }

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Div_on_integers_truncates_toward_zero(string dtype) =>
        Close(RunBinary(dtype, (a, b) => MathOps.Div(a, b, null), [7, -7, 7, -7, 6], [2, 2, -2, -2, 3]), D(dtype), [5], [3, -3, -3, 3, 2]);

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void FloorDiv_on_integers_rounds_toward_negative_infinity(string dtype) =>
        Close(RunBinary(dtype, (a, b) => tf.floordiv(a, b), [7, -7, 7, -7, 6, -6], [2, 2, -2, -2, 3, 3]), D(dtype), [6], [3, -4, -4, 3, 2, -2]);

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void FloorMod_on_integers_takes_the_sign_of_the_divisor(string dtype) =>
        Close(RunBinary(dtype, (a, b) => tf.floormod(a, b), [7, -7, 7, -7, 6], [3, 3, -3, -3, 3]), D(dtype), [5], [1, 2, -2, -1, 0]);

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Pow_on_integers_is_exact(string dtype) =>
        Close(RunBinary(dtype, (a, b) => tf.pow(a, b), [2, 3, -2, 5, 0], [10, 0, 3, 1, 0]), D(dtype), [5], [1024, 1, -8, 5, 1]);

    [Fact]
    public void Pow_on_int64_keeps_all_64_bits()
    {
        var r = RunBinary("int64", (a, b) => tf.pow(a, b), [3], [39]);
        Assert.Equal(4052555153018976267L, r.ToArray<long>()[0]); // 3^39
    }

    [Fact]
    public void Pow_of_an_integer_to_a_negative_power_is_an_error() =>
        Assert.Throws<InvalidArgumentException>(() => RunBinary("int32", (a, b) => tf.pow(a, b), [2], [-1]));

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Integer_division_by_zero_is_an_error(string dtype)
    {
        Assert.Throws<InvalidArgumentException>(() => RunBinary(dtype, (a, b) => MathOps.Div(a, b, null), [1], [0]));
        Assert.Throws<InvalidArgumentException>(() => RunBinary(dtype, (a, b) => tf.floordiv(a, b), [1], [0]));
        Assert.Throws<InvalidArgumentException>(() => RunBinary(dtype, (a, b) => tf.floormod(a, b), [1], [0]));
    }

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Integer_division_of_the_minimum_value_by_minus_one_wraps_instead_of_throwing(string dtype)
    {
        // Two's complement, as numpy: MIN / -1 = MIN (overflow wraps), MIN mod -1 = 0.
        double min = dtype == "int32" ? int.MinValue : long.MinValue;
        Close(RunBinary(dtype, (a, b) => MathOps.Div(a, b, null), [min, 7], [-1, -1]), D(dtype), [2], [min, -7]);
        Close(RunBinary(dtype, (a, b) => tf.floordiv(a, b), [min, 7], [-1, -1]), D(dtype), [2], [min, -7]);
        Close(RunBinary(dtype, (a, b) => tf.floormod(a, b), [min, 7], [-1, -1]), D(dtype), [2], [0, 0]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Pow_of_negative_bases_to_integral_powers_is_real_on_long_vectors(string dtype)
    {
        // 32 elements, so vectorized paths run; (-2)^3 = -8, (-3)^2 = 9, (-0.5)^2 = 0.25, 2^-2 = 0.25.
        static double[] Rep(double[] v) => Enumerable.Repeat(v, 8).SelectMany(a => a).ToArray();
        Close(RunBinary(dtype, (a, b) => tf.pow(a, b), Rep([-2, -3, -0.5, 2]), Rep([3, 2, 2, -2])), D(dtype), [32], Rep([-8, 9, 0.25, 0.25]));
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var squares = tf.pow(Const(d, Rep([-2, -3, 1, 2]), 32), Const(d, [2]));
            var powersOfMinusTwo = tf.pow(Const(d, [-2]), Const(d, Rep([3, 2, 1, 0]), 32));
            using var sess = new Session(g);
            Close(sess.Run(squares), d, [32], Rep([4, 9, 1, 4]));
            Close(sess.Run(powersOfMinusTwo), d, [32], Rep([-8, 4, -2, 1]));
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Unary_ops_are_accurate_on_long_vectors(string dtype)
    {
        // 64 elements, so vectorized paths and their remainders run.
        static double[] Rep(double[] v) => Enumerable.Repeat(v, 16).SelectMany(a => a).ToArray();
        var d = D(dtype);
        Close(RunUnary(dtype, x => tf.exp(x), Rep([0, 1, -1, 2])), d, [64], Rep([1, 2.718281828459045, 0.36787944117144233, 7.38905609893065]));
        Close(RunUnary(dtype, x => tf.log(x), Rep([1, 2.718281828459045, 0.5, 10])), d, [64], Rep([0, 1, -0.6931471805599453, 2.302585092994046]));
        Close(RunUnary(dtype, x => tf.sigmoid(x), Rep([0, 2, -2, 4])), d, [64], Rep([0.5, 0.8807970779778823, 0.11920292202211755, 0.9820137900379085]));
        Close(RunUnary(dtype, x => tf.tanh(x), Rep([0, 1, -1, 0.5])), d, [64], Rep([0, 0.7615941559557649, -0.7615941559557649, 0.46211715726000974]));
        Close(RunUnary(dtype, x => tf.rsqrt(x), Rep([4, 0.25, 16, 1])), d, [64], Rep([0.5, 2, 0.25, 1]));
        Close(RunUnary(dtype, x => tf.abs(x), Rep([-4, 0.25, -16, 1])), d, [64], Rep([4, 0.25, 16, 1]));
    }

    [Fact]
    public void Maximum_Minimum_and_FloorMod_broadcast_a_scalar_over_a_long_vector()
    {
        // v = -20..19 in a scrambled order (13k mod 40 - 20).
        var v = Enumerable.Range(0, 40).Select(k => (double)((k * 13) % 40) - 20).ToArray();
        Close(RunBinary("float32", (a, b) => tf.maximum(a, b), v, [0]), DType.Float32, [40], v.Select(x => x > 0 ? x : 0).ToArray());
        Close(RunBinary("int64", (a, b) => tf.minimum(b, a), v, [0]), DType.Int64, [40], v.Select(x => x < 0 ? x : 0).ToArray());
        // x mod 3 with the sign of 3: ((x % 3) + 3) % 3 in C# arithmetic.
        Close(RunBinary("float32", (a, b) => tf.floormod(a, b), v, [3]), DType.Float32, [40], v.Select(x => ((x % 3) + 3) % 3).ToArray());
    }

    [Fact]
    public void MatMul_with_empty_dimensions()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var zeroInner = tf.matmul(tf.zeros([2, 0]), tf.zeros([0, 3]));
            var zeroRows = tf.matmul(tf.zeros([0, 2]), tf.zeros([2, 3]));
            using var sess = new Session(g);
            Close(sess.Run(zeroInner), DType.Float32, [2, 3], [0, 0, 0, 0, 0, 0]); // a sum of nothing
            Close(sess.Run(zeroRows), DType.Float32, [0, 3], []);
        }
    }

    [Fact]
    public void Binary_ops_accept_uint8()
    {
        Close(RunBinary("uint8", (a, b) => tf.add(a, b), [200, 1], [100, 2]), DType.UInt8, [2], [44, 3]); // 300 wraps to 44
        Close(RunBinary("uint8", (a, b) => tf.floordiv(a, b), [200, 7], [3, 2]), DType.UInt8, [2], [66, 3]);
    }

    // ---- unary math ----

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Neg_negates(string dtype) =>
        Close(RunUnary(dtype, x => tf.negative(x), [1, -2, 0]), D(dtype), [3], [-1, 2, 0]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Square_squares(string dtype) =>
        Close(RunUnary(dtype, x => tf.square(x), [3, -4, 0]), D(dtype), [3], [9, 16, 0]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Square_of_a_fraction(string dtype) =>
        Close(RunUnary(dtype, x => tf.square(x), [-1.5, 0.5]), D(dtype), [2], [2.25, 0.25]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Sqrt_takes_square_roots_and_nan_below_zero(string dtype) =>
        Close(RunUnary(dtype, x => tf.sqrt(x), [4, 2.25, 0, -1]), D(dtype), [4], [2, 1.5, 0, double.NaN]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Rsqrt_takes_reciprocal_square_roots(string dtype) =>
        Close(RunUnary(dtype, x => tf.rsqrt(x), [4, 0.25, 0]), D(dtype), [3], [0.5, 2, double.PositiveInfinity]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Exp_exponentiates(string dtype) =>
        Close(RunUnary(dtype, x => tf.exp(x), [0, 1, -1, -1000]), D(dtype), [4], [1, 2.718281828459045, 0.36787944117144233, 0]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Log_takes_natural_logarithms(string dtype) =>
        Close(RunUnary(dtype, x => tf.log(x), [1, 2.718281828459045, 0.5, 0, -1]), D(dtype), [5],
            [0, 1, -0.6931471805599453, double.NegativeInfinity, double.NaN]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Abs_takes_absolute_values(string dtype) =>
        Close(RunUnary(dtype, x => tf.abs(x), [-3, 0, 2]), D(dtype), [3], [3, 0, 2]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Sign_is_minus_one_zero_or_one(string dtype) =>
        Close(RunUnary(dtype, x => tf.sign(x), [-3, 0, 7, -1]), D(dtype), [4], [-1, 0, 1, -1]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Sign_of_fractions_and_nan(string dtype) =>
        Close(RunUnary(dtype, x => tf.sign(x), [-0.25, 0.001, double.NaN]), D(dtype), [3], [-1, 1, double.NaN]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Reciprocal_inverts(string dtype) =>
        Close(RunUnary(dtype, x => tf.reciprocal(x), [2, -0.25, 0]), D(dtype), [3], [0.5, -4, double.PositiveInfinity]);

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Reciprocal_of_integers_divides_one_by_them(string dtype) =>
        Close(RunUnary(dtype, x => tf.reciprocal(x), [1, -1, 2, -3]), D(dtype), [4], [1, -1, 0, 0]);

    [Fact]
    public void Unary_ops_keep_the_input_shape()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(new[,] { { 1.0, 4.0, 9.0 }, { 16.0, 25.0, 36.0 } });
            var y = tf.sqrt(x);
            Assert.Equal(new[] { 2, 3 }, y.Shape.ToArray());
            using var sess = new Session(g);
            Close(sess.Run(y), DType.Float64, [2, 3], [1, 2, 3, 4, 5, 6]);
        }
    }

    // ---- MatMul ----

    // A = [[1, 2, 3], [4, 5, 6]] (2x3), B = [[7, 8], [9, 10], [11, 12]] (3x2):
    // A·B = [[1·7+2·9+3·11, 1·8+2·10+3·12], [4·7+5·9+6·11, 4·8+5·10+6·12]] = [[58, 64], [139, 154]].
    [Theory]
    [InlineData("float32", false, false)]
    [InlineData("float32", true, false)]
    [InlineData("float32", false, true)]
    [InlineData("float32", true, true)]
    [InlineData("float64", false, false)]
    [InlineData("float64", true, false)]
    [InlineData("float64", false, true)]
    [InlineData("float64", true, true)]
    [InlineData("int32", true, true)]
    [InlineData("int64", false, true)]
    public void MatMul_honours_every_transpose_combination(string dtype, bool transposeA, bool transposeB)
    {
        var d = D(dtype);
        double[] a = transposeA ? [1, 4, 2, 5, 3, 6] : [1, 2, 3, 4, 5, 6];        // Aᵀ stored as 3x2
        double[] b = transposeB ? [7, 9, 11, 8, 10, 12] : [7, 8, 9, 10, 11, 12]; // Bᵀ stored as 2x3
        var g = new Graph();
        using (g.AsDefault())
        {
            var ta = Const(d, a, transposeA ? [3, 2] : [2, 3]);
            var tb = Const(d, b, transposeB ? [2, 3] : [3, 2]);
            var c = tf.matmul(ta, tb, transpose_a: transposeA, transpose_b: transposeB);
            Assert.Equal(new[] { 2, 2 }, c.Shape.ToArray());
            using var sess = new Session(g);
            Close(sess.Run(c), d, [2, 2], [58, 64, 139, 154]);
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void MatMul_of_non_square_operands_gives_a_non_square_product(string dtype)
    {
        var d = D(dtype);
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = Const(d, [1, 2, 3, 4, 5, 6], 2, 3);
            // Aᵀ·A (3x3) and A·Aᵀ (2x2); A·B with B = [[1], [0], [-1]] (3x1) gives [[-2], [-2]].
            var ata = tf.matmul(a, a, transpose_a: true);
            var aat = tf.matmul(a, a, transpose_b: true);
            var ab = tf.matmul(a, Const(d, [1, 0, -1], 3, 1));
            var ba = tf.matmul(Const(d, [1, 0, -1], 3, 1), a, transpose_a: true, transpose_b: true);
            using var sess = new Session(g);
            var (r1, r2, r3, r4) = sess.Run((ata, aat, ab, ba));
            Close(r1, d, [3, 3], [17, 22, 27, 22, 29, 36, 27, 36, 45]);
            Close(r2, d, [2, 2], [14, 32, 32, 77]);
            Close(r3, d, [2, 1], [-2, -2]);
            Close(r4, d, [1, 2], [-2, -2]);
        }
    }

    [Theory]
    [InlineData("float32", false, false)]
    [InlineData("float64", true, false)]
    [InlineData("float64", false, true)]
    [InlineData("float64", true, true)]
    public void MatMul_of_large_matrices_matches_a_naive_triple_loop(string dtype, bool transposeA, bool transposeB)
    {
        // 96x80 · 80x72: above the kernel's parallel threshold, so the multi-threaded path runs too.
        const int M = 96, K = 80, N = 72;
        var d = D(dtype);
        double A(int i, int p) => ((i * 7) + (p * 3)) % 11 - 5;
        double B(int p, int j) => ((p * 5) + (j * 2)) % 13 - 6;
        var a = new double[M * K];
        var b = new double[K * N];
        for (int i = 0; i < M; i++)
        {
            for (int p = 0; p < K; p++)
            {
                a[transposeA ? (p * M) + i : (i * K) + p] = A(i, p);
            }
        }

        for (int p = 0; p < K; p++)
        {
            for (int j = 0; j < N; j++)
            {
                b[transposeB ? (j * K) + p : (p * N) + j] = B(p, j);
            }
        }

        var expected = new double[M * N];
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
            {
                for (int p = 0; p < K; p++)
                {
                    expected[(i * N) + j] += A(i, p) * B(p, j);
                }
            }
        }

        var g = new Graph();
        using (g.AsDefault())
        {
            var c = tf.matmul(Const(d, a, transposeA ? [K, M] : [M, K]), Const(d, b, transposeB ? [N, K] : [K, N]),
                transpose_a: transposeA, transpose_b: transposeB);
            using var sess = new Session(g);
            Close(sess.Run(c), d, [M, N], expected); // small integers: exact in float32 too
        }
    }
}
