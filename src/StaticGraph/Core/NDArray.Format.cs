using System.Globalization;
using System.Text;

namespace StaticGraph;

// numpy-style printing: `[[1. 2.]\n [3. 4.]]`, `[1 2 3]`, elided with `...` past 1000 elements.
public sealed partial class NDArray
{
    private const int SummaryThreshold = 1000;
    private const int EdgeItems = 3;
    private const int LineWidth = 75;

    /// <summary>Prints like numpy: <c>[[1. 2.]\n [3. 4.]]</c> for float32, <c>[1 2 3]</c> for int32, a bare
    /// <c>3.0</c> for a float scalar; arrays over 1000 elements are elided with <c>...</c>.</summary>
    public override string ToString()
    {
        if (IsDisposed)
        {
            return $"NDArray({DType}, {Shape}, disposed)";
        }

        bool summarize = _size > SummaryThreshold;
        var shown = ShownIndices(summarize);
        if (Rank == 0)
        {
            return FormatScalar(0);
        }

        var formatter = ElementFormatter(shown);
        var sb = new StringBuilder();
        AppendLevel(sb, 0, 0, formatter, summarize, 1);
        return sb.ToString();
    }

    private string FormatScalar(int i) => _data switch
    {
        float[] f => FloatText(f[i], true),
        double[] d => FloatText(d[i], false),
        bool[] b => b[i] ? "True" : "False",
        byte[][] s => BytesText(s[i]),
        _ => Convert.ToString(_data.GetValue(i), CultureInfo.InvariantCulture)!,
    };

    // The flat indices that will be printed (all of them unless the value is summarized).
    private List<int> ShownIndices(bool summarize)
    {
        var list = new List<int>();
        if (!summarize || Rank == 0)
        {
            for (int i = 0; i < _size; i++)
            {
                list.Add(i);
            }

            return list;
        }

        Collect(0, 0, list);
        return list;
    }

    private void Collect(int axis, int offset, List<int> list)
    {
        int dim = Shape[axis];
        int stride = _size == 0 ? 0 : StrideOf(axis);
        foreach (int k in EdgeRange(dim, true))
        {
            if (axis == Rank - 1)
            {
                list.Add(offset + k);
            }
            else
            {
                Collect(axis + 1, offset + (k * stride), list);
            }
        }
    }

    private static IEnumerable<int> EdgeRange(int dim, bool summarize)
    {
        if (!summarize || dim <= 2 * EdgeItems)
        {
            for (int k = 0; k < dim; k++)
            {
                yield return k;
            }

            yield break;
        }

        for (int k = 0; k < EdgeItems; k++)
        {
            yield return k;
        }

        for (int k = dim - EdgeItems; k < dim; k++)
        {
            yield return k;
        }
    }

    private int StrideOf(int axis)
    {
        int s = 1;
        for (int i = axis + 1; i < Rank; i++)
        {
            s *= Shape[i];
        }

        return s;
    }

    private void AppendLevel(StringBuilder sb, int axis, int offset, Func<int, string> fmt, bool summarize, int indent)
    {
        sb.Append('[');
        int dim = Shape[axis];
        int stride = StrideOf(axis);
        bool elide = summarize && dim > 2 * EdgeItems;
        int lineStart = sb.Length - indent;
        bool first = true;
        for (int k = 0; k < dim; k++)
        {
            if (elide && k == EdgeItems)
            {
                k = dim - EdgeItems;
                AppendSeparator(sb, axis, indent, ref lineStart, "...");
                sb.Append("...");
                if (axis < Rank - 1)
                {
                    first = false;
                }
            }

            if (axis == Rank - 1)
            {
                string text = fmt(offset + k);
                if (!first)
                {
                    AppendSeparator(sb, axis, indent, ref lineStart, text);
                }

                sb.Append(text);
            }
            else
            {
                if (!first)
                {
                    sb.Append('\n', Rank - 1 - axis);
                    sb.Append(' ', indent);
                }

                AppendLevel(sb, axis + 1, offset + (k * stride), fmt, summarize, indent + 1);
            }

            first = false;
        }

        sb.Append(']');
    }

    // Elements of the last axis are separated by one space, wrapping at numpy's 75-column line width.
    private void AppendSeparator(StringBuilder sb, int axis, int indent, ref int lineStart, string next)
    {
        if (axis != Rank - 1)
        {
            sb.Append('\n', Rank - 1 - axis).Append(' ', indent);
            return;
        }

        int lineLength = sb.Length - lineStart;
        if (lineLength + 1 + next.Length + 1 > LineWidth)
        {
            sb.Append('\n').Append(' ', indent);
            lineStart = sb.Length - indent;
        }
        else
        {
            sb.Append(' ');
        }
    }

    private Func<int, string> ElementFormatter(List<int> shown)
    {
        switch (_data)
        {
            case float[] f:
                return FloatColumnFormatter(shown.Select(i => (double)f[i]).ToList(), i => f[i], true);
            case double[] d:
                return FloatColumnFormatter(shown.Select(i => d[i]).ToList(), i => d[i], false);
            case bool[] b:
                {
                    // numpy's BoolFormat prints " True" in arrays whether or not a False is present.
                    return i => b[i] ? " True" : "False";
                }

            case byte[][] s:
                {
                    int w = shown.Count == 0 ? 0 : shown.Max(i => BytesText(s[i]).Length);
                    return i => BytesText(s[i]).PadLeft(w);
                }

            default:
                {
                    var texts = shown.ToDictionary(i => i, i => Convert.ToString(_data.GetValue(i), CultureInfo.InvariantCulture)!);
                    int w = texts.Count == 0 ? 0 : texts.Values.Max(t => t.Length);
                    return i => Convert.ToString(_data.GetValue(i), CultureInfo.InvariantCulture)!.PadLeft(w);
                }
        }
    }

    // numpy's default float mode (arrayprint.FloatingFormat, floatmode 'maxprec', precision 8): the fewest digits
    // that represent each value, at most 8 after the point. Exponent format is chosen for the whole array when the
    // largest nonzero magnitude is >= 1e8, the smallest is < 1e-4, or their ratio is > 1e3; it prints every element
    // with the same number of digits. Positional format right-aligns integer parts and pads fractions with spaces.
    private static Func<int, string> FloatColumnFormatter(List<double> values, Func<int, double> get, bool single)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var nonZero = finite.Select(Math.Abs).Where(v => v != 0).ToList();
        bool scientific = nonZero.Count > 0 && (nonZero.Max() >= 1e8 || nonZero.Min() < 1e-4 || nonZero.Max() / nonZero.Min() > 1e3);
        bool negInf = values.Any(double.IsNegativeInfinity);
        if (scientific)
        {
            var parts = finite.Select(v => SciParts(v, single)).ToList();
            int precision = parts.Max(p => p.Frac.Length);
            int expSize = Math.Max(2, parts.Max(p => ExpDigits(p.Exp)));
            int padRight = expSize + 2 + precision;
            int padLeft = NonFinitePad(parts.Max(p => p.Int.Length), padRight + 1, negInf, finite.Count < values.Count);
            return i =>
            {
                double v = get(i);
                if (!double.IsFinite(v))
                {
                    return NonFiniteText(v).PadLeft(padLeft + padRight + 1);
                }

                var (intPart, frac, exp) = SciParts(v, single);
                return intPart.PadLeft(padLeft) + "." + frac.PadRight(precision, '0') + ExpText(exp, expSize);
            };
        }

        var split = finite.Select(v => FixedParts(v, single, 8)).ToList();
        int right = split.Count == 0 ? 0 : split.Max(p => p.Frac.Length);
        int left = NonFinitePad(split.Count == 0 ? 0 : split.Max(p => p.Int.Length), right + 1, negInf, finite.Count < values.Count);
        return i =>
        {
            double v = get(i);
            if (!double.IsFinite(v))
            {
                return NonFiniteText(v).PadLeft(left + 1 + right);
            }

            var (intPart, frac) = FixedParts(v, single, 8);
            return intPart.PadLeft(left) + "." + frac.PadRight(right);
        };
    }

    // numpy widens the integer column so "nan" and "-inf" fit in the element width.
    private static int NonFinitePad(int padLeft, int offset, bool negInf, bool anyNonFinite) =>
        anyNonFinite ? Math.Max(padLeft, Math.Max(3 - offset, 3 + (negInf ? 1 : 0) - offset)) : padLeft;

    private static string NonFiniteText(double v) => double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";

    private static int ExpDigits(int exp) => Math.Abs(exp).ToString(CultureInfo.InvariantCulture).Length;

    private static string ExpText(int exp, int digits) =>
        "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');

    /// <summary>The shortest round-trip decimal digits of <paramref name="v"/> (float32's when
    /// <paramref name="single"/>) with no leading or trailing zeros ("0" for zero), and the exponent of the first
    /// digit: |v| = d1.d2d3... × 10^Exp.</summary>
    private static (bool Negative, string Digits, int Exp) Decompose(double v, bool single)
    {
        string s = single ? ((float)v).ToString("R", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);
        bool negative = s.StartsWith('-');
        s = s.TrimStart('-');
        int e = 0;
        int ePos = s.IndexOf('E', StringComparison.Ordinal);
        if (ePos >= 0)
        {
            e = int.Parse(s.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..ePos];
        }

        int dot = s.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? s : s.Remove(dot, 1);
        int point = dot < 0 ? s.Length : dot;
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0').TrimEnd('0');
        return digits.Length == 0 ? (negative, "0", 0) : (negative, digits, point - leading - 1 + e);
    }

    /// <summary>Positional text split at the point, with the fewest digits that round-trip, rounded to at most
    /// <paramref name="maxFrac"/> fractional digits (numpy's dragon4 with precision and unique=True).</summary>
    private static (string Int, string Frac) FixedParts(double v, bool single, int maxFrac)
    {
        var (negative, digits, exp) = Decompose(v, single);
        string sign = negative ? "-" : "";
        string intPart, frac;
        if (digits == "0")
        {
            (intPart, frac) = ("0", "");
        }
        else if (exp >= 0)
        {
            intPart = digits.Length > exp + 1 ? digits[..(exp + 1)] : digits.PadRight(exp + 1, '0');
            frac = digits.Length > exp + 1 ? digits[(exp + 1)..] : "";
        }
        else
        {
            (intPart, frac) = ("0", new string('0', -exp - 1) + digits);
        }

        if (frac.Length > maxFrac)
        {
            // Round the exact binary value (a float32 is exact as a double) to maxFrac digits, then drop zeros.
            string rounded = Math.Abs(v).ToString("F" + maxFrac.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            int dot = rounded.IndexOf('.', StringComparison.Ordinal);
            (intPart, frac) = (rounded[..dot], rounded[(dot + 1)..].TrimEnd('0'));
        }

        return (sign + intPart, frac);
    }

    /// <summary>Scientific text as (integer digit with sign, fraction digits, exponent) with the fewest digits that
    /// round-trip, rounded to at most 8 fractional digits.</summary>
    private static (string Int, string Frac, int Exp) SciParts(double v, bool single)
    {
        var (negative, digits, exp) = Decompose(v, single);
        string sign = negative ? "-" : "";
        if (digits.Length - 1 <= 8)
        {
            return (sign + digits[0], digits[1..], exp);
        }

        string s = Math.Abs(v).ToString("E8", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E', StringComparison.Ordinal);
        return (sign + s[0], s[2..e].TrimEnd('0'), int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    // A lone float prints like numpy's scalar str: positional for 1e-4 <= |v| < 1e16 with at least one fractional
    // digit (3.0, 0.5), otherwise scientific without a bare point (1e-05, 1.5e+16); all digits that round-trip.
    private static string FloatText(double v, bool single)
    {
        if (!double.IsFinite(v))
        {
            return NonFiniteText(v);
        }

        double abs = Math.Abs(v);
        if (abs == 0 || (abs >= 1e-4 && abs < 1e16))
        {
            var (intPart, frac) = FixedParts(v, single, int.MaxValue);
            return intPart + "." + (frac.Length == 0 ? "0" : frac);
        }

        var (negative, digits, exp) = Decompose(v, single);
        string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return (negative ? "-" : "") + mantissa + ExpText(exp, Math.Max(2, ExpDigits(exp)));
    }

    private static string BytesText(byte[] bytes)
    {
        var sb = new StringBuilder("b'");
        foreach (byte c in bytes)
        {
            sb.Append(c switch
            {
                (byte)'\\' => "\\\\",
                (byte)'\'' => "\\'",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                >= 32 and < 127 => ((char)c).ToString(),
                _ => $"\\x{c:x2}",
            });
        }

        return sb.Append('\'').ToString();
    }
}
