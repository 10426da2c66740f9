using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

// Rows of the special-math ops. Inputs are scaled or shifted inside the built graph to keep each function in its
// smooth domain: Log1p on (-0.8, 0.8), Tan on (-1.4, 1.4), Asin/Acos on (-0.9, 0.9), Atanh on (-0.8, 0.8), Acosh on
// (1.5, 3), Lgamma/Digamma/Polygamma on (0.5, 2), Atan2's y away from 0 (off the branch cut), Mod/TruncateMod with
// |x| < |y| so x/y stays between integers (their dz/dy with trunc(x/y) ≠ 0 is checked by hand in SpecialMathOpsTests).
internal static partial class OpCases
{
    private static IReadOnlyList<OpCase> SpecialMath =>
    [
        Binary("SquaredDifference", Domain.Any, Domain.Any),
        Binary("Atan2", Domain.AwayFromZero, Domain.Any),
        Binary("Mod", Domain.AwayFromZero, Domain.Large),
        Binary("TruncateMod", Domain.AwayFromZero, Domain.Large),
        Unary("Sin", Domain.Any, x => tf.sin(x)),
        Unary("Cos", Domain.Any, x => tf.cos(x)),
        Unary("Tan", Domain.Any, x => tf.tan(x * 0.7)),
        Unary("Asin", Domain.Any, x => tf.asin(x * 0.45)),
        Unary("Acos", Domain.Any, x => tf.acos(x * 0.45)),
        Unary("Atan", Domain.Any, x => tf.atan(x)),
        Unary("Sinh", Domain.Any, x => tf.sinh(x)),
        Unary("Cosh", Domain.Any, x => tf.cosh(x)),
        Unary("Asinh", Domain.Any, x => tf.asinh(x)),
        Unary("Acosh", Domain.Positive, x => tf.acosh(x + 1)),
        Unary("Atanh", Domain.Any, x => tf.atanh(x * 0.4)),
        Unary("Log1p", Domain.Any, x => tf.log1p(x * 0.4)),
        Unary("Expm1", Domain.Any, x => tf.expm1(x)),
        Unary("Erf", Domain.Any, x => tf.erf(x)),
        Unary("Erfc", Domain.Any, x => tf.erfc(x)),
        Unary("Lgamma", Domain.Positive, x => tf.lgamma(x)),
        Unary("Digamma", Domain.Positive, x => tf.digamma(x)),
        new("Polygamma", Same(1), D(Domain.Positive), (x, _, r) =>
            tf.polygamma(OpBuilder.Scalar(r.Next(0, 3), x[0].DType, x[0].Graph), x[0])),
    ];
}
