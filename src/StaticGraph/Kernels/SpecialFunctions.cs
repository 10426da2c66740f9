namespace StaticGraph.Kernels;

/// <summary>
/// Scalar special functions in double precision (about 1e-15 relative error away from their zeros), written from
/// their series, continued fractions and asymptotic expansions: erf, erfc, log Γ, ψ (digamma), the Hurwitz zeta
/// function and polygamma, plus log1p and expm1 (System.Math's versions round 1 + x and eˣ first). float32 kernels
/// evaluate these in double and round once.
/// </summary>
internal static class SpecialFunctions
{
    private const double SqrtPi = 1.7724538509055160273;
    private const double HalfLog2Pi = 0.91893853320467274178;
    private const double EulerGamma = 0.57721566490153286061;

    // Bernoulli numbers B₂, B₄, ..., B₂₀.
    private static readonly double[] Bernoulli =
    [
        1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510, 43867.0 / 798, -174611.0 / 330,
    ];

    // ζ(k) - 1 for k = 0..MaxSeries (entries 0 and 1 unused): the Taylor coefficients of log Γ around 2.
    private const int MaxSeries = 64;
    private static readonly double[] ZetaMinusOne = BuildZetaTable();

    /// <summary>ln(1 + x), accurate for tiny x: ln(u)·x/(u - 1) with u = 1 + x cancels u's rounding error.</summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : double.IsInfinity(u) ? u : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>eˣ - 1, accurate for tiny x: (u - 1)·x/ln(u) with u = eˣ.</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + (0.5 * x * x) + (x * x * x / 6.0);
        }

        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        return um1 == -1.0 || double.IsInfinity(u) ? um1 : um1 * x / Math.Log(u);
    }

    /// <summary>erf x = (2/√π) ∫₀ˣ e^(-t²) dt.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        double a = Math.Abs(x);
        double r = a < 1.25 ? ErfSeries(a) : 1.0 - ErfcFraction(a);
        return x < 0 ? -r : r;
    }

    /// <summary>erfc x = 1 - erf x, without cancellation for large x.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        double a = Math.Abs(x);
        double r = a < 1.25 ? 1.0 - ErfSeries(a) : ErfcFraction(a);
        return x < 0 ? 2.0 - r : r;
    }

    // e^(-x²) with x² split exactly into s + e (FMA), so the rounding of x² does not spoil large arguments.
    private static double ExpMinusSquare(double x)
    {
        double s = x * x;
        double e = Math.FusedMultiplyAdd(x, x, -s);
        return Math.Exp(-s) * (1.0 - e);
    }

    // erf x = (2/√π)·x·e^(-x²)·Σₙ (2x²)ⁿ / (1·3·5···(2n+1)): positive terms, no cancellation (x ≥ 0).
    private static double ErfSeries(double x)
    {
        double x2 = 2.0 * x * x;
        double term = 1.0, sum = 1.0;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++)
        {
            term *= x2 / ((2 * n) + 1);
            sum += term;
        }

        return 2.0 / SqrtPi * x * ExpMinusSquare(x) * sum;
    }

    // erfc x = Γ(1/2, x²)/√π with Legendre's continued fraction for the upper incomplete gamma function,
    // Γ(a, z) = e^(-z) zᵃ / (z + 1 - a - 1(1 - a)/(z + 3 - a - 2(2 - a)/(z + 5 - a - ...))), evaluated by modified
    // Lentz; it converges quickly for z > a + 1 (x ≥ 1.25).
    private static double ErfcFraction(double x)
    {
        if (x > 27.3)
        {
            return 0.0; // below the smallest subnormal
        }

        const double a = 0.5, tiny = 1e-300;
        double z = x * x;
        double b = z + 1.0 - a;
        double c = 1.0 / tiny, d = 1.0 / b, h = d;
        for (int i = 1; i < 500; i++)
        {
            double an = -i * (i - a);
            b += 2.0;
            d = (an * d) + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16)
            {
                break;
            }
        }

        return ExpMinusSquare(x) * x * h / SqrtPi;
    }

    /// <summary>ln |Γ(x)|; +∞ at the poles 0, -1, -2, ....</summary>
    public static double Lgamma(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return double.PositiveInfinity;
        }

        if (x <= 0)
        {
            if (x == Math.Floor(x))
            {
                return double.PositiveInfinity;
            }

            // Reflection: Γ(x)Γ(1 - x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(double.SinPi(x))) - Lgamma(1.0 - x);
        }

        if (x < 0.5)
        {
            return LgammaNearTwo(x - 1.0) - Math.Log(x); // Γ(x) = Γ(x + 1)/x
        }

        if (x < 1.5)
        {
            return LgammaNearTwo(x - 1.0) - Log1p(x - 1.0); // x - 1 is exact here
        }

        if (x < 3.0)
        {
            return LgammaNearTwo(x - 2.0);
        }

        // Shift up to x ≥ 10: Γ(x) = Γ(x + n) / (x(x+1)···(x+n-1)), then Stirling's series.
        double product = 1.0;
        while (x < 10.0)
        {
            product *= x;
            x += 1.0;
        }

        return LgammaStirling(x) - Math.Log(product);
    }

    // ln Γ(2 + z) = (1 - γ)z + Σₖ≥₂ (ζ(k) - 1) (-z)ᵏ / k for |z| < 2, used for -1 < z < 1; callers pass z itself
    // (not 2 + z) so no rounding of 2 + z spoils the result near the zeros of ln Γ at 1 and 2.
    private static double LgammaNearTwo(double z)
    {
        double sum = 0.0, power = -z;
        for (int k = 2; k <= MaxSeries; k++)
        {
            power *= -z;
            double term = ZetaMinusOne[k] * power / k;
            sum += term;
            if (Math.Abs(term) < 1e-17 * Math.Max(Math.Abs(sum), 1e-300))
            {
                break;
            }
        }

        return ((1.0 - EulerGamma) * z) + sum;
    }

    // ln Γ(x) ~ (x - ½) ln x - x + ½ ln 2π + Σₖ B₂ₖ / (2k(2k - 1) x^(2k-1)), x ≥ 10.
    private static double LgammaStirling(double x)
    {
        double inv = 1.0 / x, inv2 = inv * inv, power = inv, series = 0.0;
        for (int k = 1; k <= 8; k++)
        {
            series += Bernoulli[k - 1] / (2.0 * k * ((2.0 * k) - 1.0)) * power;
            power *= inv2;
        }

        return ((x - 0.5) * Math.Log(x)) - x + HalfLog2Pi + series;
    }

    /// <summary>ψ(x) = d/dx ln Γ(x); NaN at the poles 0, -1, -2, ... (as Eigen, which TF uses).</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        if (x <= 0)
        {
            if (x == Math.Floor(x))
            {
                return double.NaN;
            }

            // Reflection: ψ(1 - x) - ψ(x) = π cot(πx).
            return Digamma(1.0 - x) - (Math.PI * double.CosPi(x) / double.SinPi(x));
        }

        // Recurrence ψ(x) = ψ(x + 1) - 1/x up to x ≥ 10, then ψ(x) ~ ln x - 1/(2x) - Σₖ B₂ₖ / (2k x^(2k)).
        double shift = 0.0;
        while (x < 10.0)
        {
            shift += 1.0 / x;
            x += 1.0;
        }

        double inv2 = 1.0 / (x * x), power = inv2, series = 0.0;
        for (int k = 1; k <= 8; k++)
        {
            series += Bernoulli[k - 1] / (2.0 * k) * power;
            power *= inv2;
        }

        return Math.Log(x) - (0.5 / x) - series - shift;
    }

    /// <summary>The Hurwitz zeta function ζ(s, q) = Σₖ≥₀ (q + k)^(-s) for s &gt; 1 (NaN for s &lt; 1, +∞ at s = 1 and at
    /// q a non-positive integer; q &lt; 0 needs an integer s).</summary>
    public static double Zeta(double s, double q)
    {
        if (double.IsNaN(s) || double.IsNaN(q) || s < 1.0)
        {
            return double.NaN;
        }

        if (s == 1.0)
        {
            return double.PositiveInfinity;
        }

        if (q <= 0)
        {
            if (q == Math.Floor(q))
            {
                return double.PositiveInfinity;
            }

            if (s != Math.Floor(s))
            {
                return double.NaN; // (q + k)^(-s) is not real
            }
        }

        // Euler–Maclaurin: the first N terms directly, then the tail from w = q + N as an integral plus corrections
        // Σⱼ B₂ⱼ/(2j)! · s(s+1)···(s+2j-2) · w^(-s-2j+1).
        double sum = 0.0;
        double w = q;
        double limit = Math.Max(10.0, s);
        while (w < limit)
        {
            sum += Math.Pow(w, -s);
            w += 1.0;
        }

        double wPow = Math.Pow(w, -s);
        sum += (w * wPow / (s - 1.0)) + (0.5 * wPow);
        double factor = s * wPow / w; // s · w^(-s-1)
        double factorial = 2.0;      // (2j)!
        for (int j = 1; j <= Bernoulli.Length; j++)
        {
            double term = Bernoulli[j - 1] / factorial * factor;
            sum += term;
            if (Math.Abs(term) < 1e-17 * Math.Abs(sum))
            {
                break;
            }

            // Next: multiply by (s + 2j - 1)(s + 2j) / w² and (2j+1)(2j+2) into the factorial.
            factor *= (s + (2 * j) - 1) * (s + (2 * j)) / (w * w);
            factorial *= ((2 * j) + 1) * ((2 * j) + 2);
        }

        return sum;
    }

    /// <summary>ψ⁽ⁿ⁾(x) = (-1)ⁿ⁺¹ n! ζ(n + 1, x) for n ≥ 1 and ψ(x) for n = 0; NaN for a negative or fractional n.</summary>
    public static double Polygamma(double n, double x)
    {
        if (double.IsNaN(n) || double.IsNaN(x) || n < 0 || n != Math.Floor(n))
        {
            return double.NaN;
        }

        if (n == 0)
        {
            return Digamma(x);
        }

        double factorial = 1.0;
        for (int k = 2; k <= n; k++)
        {
            factorial *= k;
        }

        double sign = n % 2 == 1 ? 1.0 : -1.0;
        return sign * factorial * Zeta(n + 1.0, x);
    }

    private static double[] BuildZetaTable()
    {
        var table = new double[MaxSeries + 1];
        for (int k = 2; k <= MaxSeries; k++)
        {
            table[k] = Zeta(k, 2.0); // ζ(k) - 1 = Σₙ≥₂ n^(-k)
        }

        return table;
    }
}
