using StaticGraph.Ops;
using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>Kernels of the special-math family against hand-computed values and reference values (erf, log Γ, ψ and
/// ψ⁽ⁿ⁾ evaluated to 40 digits at the exact double inputs with mpmath, then rounded), plus the composites and
/// samplers built on them.</summary>
public partial class SpecialMathOpsTests
{
    private static NDArray Unary(string dtype, Func<Tensor, Tensor> f, params double[] x) => Run(() => f(Const(D(dtype), x, x.Length)));

    private static NDArray BinaryRun(string dtype, Func<Tensor, Tensor, Tensor> f, double[] x, double[] y) =>
        Run(() => f(Const(D(dtype), x, x.Length), Const(D(dtype), y, y.Length)));

    /// <summary>|actual - expected| ≤ tol·|expected| element by element (a relative check, also for tiny values).</summary>
    private static void Relative(NDArray actual, double[] expected, double tol)
    {
        var got = Values(actual);
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(got[i] - expected[i]) <= tol * Math.Abs(expected[i]), $"element {i}: expected {expected[i]:R}, got {got[i]:R}");
        }
    }

    // ---- binary ----

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void SquaredDifference_squares_the_difference(string dtype) =>
        Close(BinaryRun(dtype, (a, b) => tf.squared_difference(a, b), [1, 2, -3], [4, -1, 3]), D(dtype), [3], [9, 9, 36]);

    [Fact]
    public void SquaredDifference_broadcasts() =>
        Close(Run(() => tf.squared_difference(tf.constant(new double[,] { { 1, 2 }, { 3, 4 } }), tf.constant(new[] { 1.0, 5.0 }))),
            DType.Float64, [2, 2], [0, 9, 4, 1]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Atan2_gives_the_angle_in_each_quadrant(string dtype) =>
        Close(BinaryRun(dtype, (y, x) => tf.atan2(y, x), [1, 1, -1, -1, 0, 1, 0], [1, -1, -1, 1, -1, 0, 1]), D(dtype), [7],
            [Math.PI / 4, 3 * Math.PI / 4, -3 * Math.PI / 4, -Math.PI / 4, Math.PI, Math.PI / 2, 0]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Mod_truncates_so_the_result_has_the_sign_of_x(string dtype)
    {
        Close(BinaryRun(dtype, (a, b) => SpecialMathOps.Mod(a, b, null), [-7, 7, -7, 7, 6], [3, -3, -3, 3, 3]), D(dtype), [5], [-1, 1, -1, 1, 0]);
        Close(BinaryRun(dtype, (a, b) => tf.truncatemod(a, b), [-7, 7], [3, -3]), D(dtype), [2], [-1, 1]);
    }

    [Fact]
    public void Mod_of_floats_is_fmod() =>
        Close(BinaryRun("float64", (a, b) => SpecialMathOps.Mod(a, b, null), [-7.5, 7.5, 5.25], [2, -2, 0.5]), DType.Float64, [3], [-1.5, 1.5, 0.25]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void TruncateDiv_rounds_toward_zero(string dtype) =>
        Close(BinaryRun(dtype, (a, b) => tf.truncatediv(a, b), [-7, 7, 7, -7, 6], [2, -2, 2, -2, 3]), D(dtype), [5], [-3, -3, 3, 3, 2]);

    [Fact]
    public void TruncateDiv_of_floats_truncates_the_quotient() =>
        Close(BinaryRun("float64", (a, b) => tf.truncatediv(a, b), [-7.5, 7.5], [2, 2]), DType.Float64, [2], [-3, 3]);

    [Fact]
    public void Integer_TruncateDiv_and_Mod_by_zero_are_errors()
    {
        Assert.Throws<InvalidArgumentException>(() => BinaryRun("int32", (a, b) => tf.truncatediv(a, b), [1], [0]));
        Assert.Throws<InvalidArgumentException>(() => BinaryRun("int64", (a, b) => SpecialMathOps.Mod(a, b, null), [1], [0]));
    }

    [Fact]
    public void Mod_gradient_is_one_and_minus_trunc_of_the_quotient()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(new[] { 7.0, -7.0 });
            var y = tf.constant(new[] { 2.0, 2.0 });
            var grads = tf.gradients(SpecialMathOps.Mod(x, y, null), [x, y]);
            using var sess = new Session(g);
            Close(sess.Run(grads[0]!), DType.Float64, [2], [1, 1]);
            Close(sess.Run(grads[1]!), DType.Float64, [2], [-3, 3]); // -trunc(3.5), -trunc(-3.5)
        }
    }

    [Fact]
    public void SquaredDifference_and_Atan2_gradients_follow_TF()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(new[] { 3.0 });
            var b = tf.constant(new[] { 1.0 });
            var d = tf.gradients(tf.squared_difference(a, b), [a, b]);
            var t = tf.gradients(tf.atan2(a, b), [a, b]); // y = 3, x = 1: [x, -y] / (x² + y²)
            using var sess = new Session(g);
            Close(sess.Run(d[0]!), DType.Float64, [1], [4]);
            Close(sess.Run(d[1]!), DType.Float64, [1], [-4]);
            Close(sess.Run(t[0]!), DType.Float64, [1], [0.1]);
            Close(sess.Run(t[1]!), DType.Float64, [1], [-0.3]);
        }
    }

    // ---- rounding and classification ----

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Floor_and_Ceil_round_down_and_up(string dtype)
    {
        Close(Unary(dtype, x => tf.floor(x), -1.5, -0.5, 0.5, 2.7, 3), D(dtype), [5], [-2, -1, 0, 2, 3]);
        Close(Unary(dtype, x => tf.ceil(x), -1.5, -0.5, 0.5, 2.7, 3), D(dtype), [5], [-1, 0, 1, 3, 3]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Round_and_Rint_round_halves_to_even(string dtype)
    {
        double[] x = [2.5, -0.5, 0.5, 1.5, -2.5, 2.4, -2.6, 3.5];
        double[] expected = [2, -0.0, 0, 2, -2, 2, -3, 4];
        var round = Unary(dtype, v => tf.round(v), x);
        Close(round, D(dtype), [8], expected);
        Close(Unary(dtype, v => tf.rint(v), x), D(dtype), [8], expected);
        Assert.True(double.IsNegative(Values(round)[1]), "Round(-0.5) is -0");
    }

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Round_leaves_integers_unchanged(string dtype) =>
        Close(Unary(dtype, x => tf.round(x), -3, 0, 7), D(dtype), [3], [-3, 0, 7]);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void IsNan_IsInf_IsFinite_classify_values(string dtype)
    {
        double[] x = [1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0];
        Bools(Unary(dtype, v => tf.is_nan(v), x), [5], [false, true, false, false, false]);
        Bools(Unary(dtype, v => tf.is_inf(v), x), [5], [false, false, true, true, false]);
        Bools(Unary(dtype, v => tf.is_finite(v), x), [5], [true, false, false, false, true]);
    }

    [Fact]
    public void Rounding_ops_have_no_gradient()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(new[] { 1.3 });
            Assert.Null(tf.gradients(tf.floor(x) + tf.ceil(x) + tf.round(x) + tf.rint(x), [x])[0]);
        }
    }

    // ---- trigonometric and hyperbolic ----

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Trigonometric_functions_match_known_values(string dtype)
    {
        var d = D(dtype);
        Close(Unary(dtype, x => tf.sin(x), Math.PI / 6, 0, -Math.PI / 2), d, [3], [0.5, 0, -1]);
        Close(Unary(dtype, x => tf.cos(x), Math.PI / 3, 0, Math.PI), d, [3], [0.5, 1, -1]);
        Close(Unary(dtype, x => tf.tan(x), Math.PI / 4, -Math.PI / 4), d, [2], [1, -1]);
        Close(Unary(dtype, x => tf.asin(x), 0.5, -1), d, [2], [Math.PI / 6, -Math.PI / 2]);
        Close(Unary(dtype, x => tf.acos(x), 0.5, -1), d, [2], [Math.PI / 3, Math.PI]);
        Close(Unary(dtype, x => tf.atan(x), 1, -1), d, [2], [Math.PI / 4, -Math.PI / 4]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Hyperbolic_functions_match_known_values(string dtype)
    {
        var d = D(dtype);
        Close(Unary(dtype, x => tf.sinh(x), 1, 0), d, [2], [1.1752011936438014, 0]);
        Close(Unary(dtype, x => tf.cosh(x), 1, 0), d, [2], [1.5430806348152437, 1]);
        Close(Unary(dtype, x => tf.asinh(x), 1), d, [1], [0.88137358701954305]);
        Close(Unary(dtype, x => tf.acosh(x), 2, 1), d, [2], [1.3169578969248167, 0]);
        Close(Unary(dtype, x => tf.atanh(x), 0.5), d, [1], [0.54930614433405489]);
    }

    // ---- log1p, expm1, erf, gamma family (float64 to 1e-13 relative) ----

    [Fact]
    public void Log1p_and_Expm1_stay_accurate_near_zero()
    {
        Relative(Unary("float64", x => tf.log1p(x), 1e-10, -0.5, 0.25, 3),
            [9.9999999995e-11, -0.69314718055994531, 0.22314355131420976, 1.3862943611198906], 1e-14);
        Relative(Unary("float64", x => tf.expm1(x), 1e-10, -0.5, 0.25, 3),
            [1.00000000005e-10, -0.39346934028736658, 0.28402541668774148, 19.085536923187668], 1e-14);
        Relative(Unary("float32", x => tf.log1p(x), 1e-7), [9.99999950e-8], 1e-6);
    }

    [Fact]
    public void Erf_and_Erfc_match_reference_values()
    {
        double[] x = [0.1, 0.5, 1, 1.3, 2, 3, -0.7, 5];
        Relative(Unary("float64", v => tf.erf(v), x),
            [0.11246291601828489, 0.52049987781304654, 0.84270079294971487, 0.93400794494065244, 0.99532226501895273,
             0.99997790950300141, -0.67780119383741847, 0.99999999999846254], 1e-14);
        Relative(Unary("float64", v => tf.erfc(v), x),
            [0.88753708398171511, 0.47950012218695346, 0.15729920705028513, 0.065992055059347563, 0.0046777349810472658,
             2.2090496998585441e-5, 1.6778011938374185, 1.5374597944280349e-12], 1e-13);
        Relative(Unary("float64", v => tf.erfc(v), 10), [2.0884875837625448e-45], 1e-13);
        Close(Unary("float32", v => tf.erf(v), 1, 0), DType.Float32, [2], [0.84270079294971487, 0]);
    }

    [Fact]
    public void Lgamma_matches_reference_values()
    {
        Relative(Unary("float64", v => tf.lgamma(v), 0.001, 0.5, 1.001, 1.5, 2.5, 3, 7.5, 10, 100, -0.5, -2.5, 1e-8),
            [6.9071788853838537, 0.57236494292470009, -0.00057639359828330615, -0.12078223763524522, 0.28468287047291916,
             0.69314718055994531, 7.534364236758733, 12.80182748008147, 359.1342053695754, 1.2655121234846454,
             -0.056243716497674051, 18.420680738180209], 1e-13);
        Close(Unary("float64", v => tf.lgamma(v), 1, 2, 0, -3), DType.Float64, [4], [0, 0, double.PositiveInfinity, double.PositiveInfinity], 1e-15);
    }

    [Fact]
    public void Digamma_matches_reference_values()
    {
        Relative(Unary("float64", v => tf.digamma(v), 0.5, 1, 2, 3.7, 12, -0.5, -1.5, 0.01),
            [-1.9635100260214235, -0.57721566490153286, 0.42278433509846714, 1.1671535393615114, 2.442661679975812,
             0.036489973978576521, 0.70315664064524319, -100.56088545786867], 1e-13);
        Assert.InRange(Values(Unary("float64", v => tf.digamma(v), 1.4616321449683623))[0], -1e-15, 1e-15); // its positive root
        Assert.True(double.IsNaN(Values(Unary("float64", v => tf.digamma(v), -2))[0]));
    }

    [Fact]
    public void Polygamma_matches_reference_values()
    {
        var y = Run(() => tf.polygamma(tf.constant(new[] { 1.0, 1, 1, 2, 2, 3, 1, 0 }), tf.constant(new[] { 0.5, 1, 3.2, 1, 0.7, 2.5, -0.5, 2 })));
        Relative(y, [4.9348022005446793, 1.6449340668482264, 0.36632119073140079, -2.4041138063191886, -6.4349928741909225,
            0.22390584881725205, 8.9348022005446793, 0.42278433509846714], 1e-13);
        Assert.True(double.IsNaN(Values(Run(() => tf.polygamma(tf.constant(0.5), tf.constant(1.0))))[0]), "a fractional order is NaN");
    }

    [Fact]
    public void Gamma_family_gradients_are_digamma_and_trigamma()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(new[] { 1.0, 0.5 });
            var dl = tf.gradients(tf.lgamma(x), [x])[0]!;
            var dd = tf.gradients(tf.digamma(x), [x])[0]!;
            var de = tf.gradients(tf.erf(x), [x])[0]!;
            using var sess = new Session(g);
            Relative(sess.Run(dl), [-0.57721566490153286, -1.9635100260214235], 1e-13);
            Relative(sess.Run(dd), [1.6449340668482264, 4.9348022005446793], 1e-13); // π²/6, π²/2
            Relative(sess.Run(de), [0.41510749742059472, 0.87878257893544476], 1e-13); // (2/√π) e^(-x²)
        }
    }

    // ---- All / Any ----

    private static readonly bool[,] Mixed = { { true, false, true }, { true, true, true } };

    [Fact]
    public void All_reduces_with_and_over_axes()
    {
        Bools(Run(() => tf.reduce_all(tf.constant(Mixed), 1)), [2], [false, true]);
        Bools(Run(() => tf.reduce_all(tf.constant(Mixed), 0)), [3], [true, false, true]);
        Bools(Run(() => tf.reduce_all(tf.constant(Mixed))), [], [false]);
        Bools(Run(() => tf.reduce_all(tf.constant(Mixed), [-1], keepdims: true)), [2, 1], [false, true]);
        Bools(Run(() => tf.reduce_all(tf.constant(new bool[0, 2]), 0)), [2], [true, true]);
    }

    [Fact]
    public void Any_reduces_with_or_over_axes()
    {
        Bools(Run(() => tf.reduce_any(tf.constant(Mixed), 1)), [2], [true, true]);
        Bools(Run(() => tf.reduce_any(tf.constant(new bool[,] { { false, false }, { false, true } }), 1)), [2], [false, true]);
        Bools(Run(() => tf.reduce_any(tf.constant(new bool[,] { { false, false }, { false, false } }))), [], [false]);
        Bools(Run(() => tf.math.reduce_any(tf.constant(Mixed), [0, 1], keepdims: true)), [1, 1], [true]);
    }

    [Fact]
    public void All_rejects_non_bool_input_and_bad_axes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Throws<GraphException>(() => tf.reduce_all(tf.constant(new[] { 1.0 })));
            Assert.Throws<GraphException>(() => tf.reduce_any(tf.constant(Mixed), 2));
        }
    }

    // ---- composites ----

}
