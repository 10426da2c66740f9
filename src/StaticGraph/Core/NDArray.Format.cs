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
        double[] d => FloatText(d[i], true),
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
                    int w = shown.Any(i => !b[i]) ? 5 : 4;
                    return i => (b[i] ? "True" : "False").PadLeft(w);
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

    // numpy's default float mode: at most 8 fractional digits, the fewest that represent the value, integer parts
    // right-aligned and fractions left-aligned to common widths; scientific notation for very large/small values.
    private static Func<int, string> FloatColumnFormatter(List<double> values, Func<int, double> get, bool single)
    {
        var finite = values.Where(double.IsFinite).Select(Math.Abs).ToList();
        double max = finite.Count == 0 ? 0 : finite.Max();
        double minNonZero = finite.Where(v => v > 0).DefaultIfEmpty(0).Min();
        bool scientific = max >= 1e8 || (minNonZero > 0 && minNonZero < 1e-4) || (minNonZero > 0 && max / minNonZero > 1e3 && max >= 1e3);
        if (scientific)
        {
            var parts = values.Select(v => SciText(v, single)).ToList();
            int w = parts.Count == 0 ? 0 : parts.Max(p => p.Length);
            return i => SciText(get(i), single).PadLeft(w);
        }

        var split = values.Select(v => SplitFixed(v, single)).ToList();
        int left = split.Count == 0 ? 0 : split.Max(p => p.Int.Length);
        int right = split.Count == 0 ? 0 : split.Max(p => p.Frac.Length);
        return i =>
        {
            var (intPart, frac) = SplitFixed(get(i), single);
            return frac == "\0" ? intPart.PadLeft(left + 1 + right) : intPart.PadLeft(left) + "." + frac.PadRight(right);
        };
    }

    private static (string Int, string Frac) SplitFixed(double v, bool single)
    {
        if (!double.IsFinite(v))
        {
            return (double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf", "\0");
        }

        string text = RoundTrip(v, single);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            text = v.ToString("F8", CultureInfo.InvariantCulture);
        }

        int dot = text.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot < 0 ? text : text[..dot];
        string frac = dot < 0 ? "" : text[(dot + 1)..];
        if (frac.Length > 8)
        {
            text = Math.Round(v, 8, MidpointRounding.ToEven).ToString("F8", CultureInfo.InvariantCulture);
            dot = text.IndexOf('.', StringComparison.Ordinal);
            intPart = text[..dot];
            frac = text[(dot + 1)..].TrimEnd('0');
        }

        return (intPart, frac);
    }

    private static string RoundTrip(double v, bool single) =>
        single ? ((float)v).ToString("R", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);

    private static string SciText(double v, bool single)
    {
        if (!double.IsFinite(v))
        {
            return double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }

        string s = single ? ((float)v).ToString("E8", CultureInfo.InvariantCulture) : v.ToString("E8", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E', StringComparison.Ordinal);
        string mantissa = s[..e].TrimEnd('0');
        int exponent = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    // A lone float prints like numpy's scalar repr: 3.0, 0.5, 1e-05.
    private static string FloatText(double v, bool single)
    {
        if (!double.IsFinite(v))
        {
            return double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }

        string r = RoundTrip(v, single);
        if (r.Contains('E', StringComparison.Ordinal))
        {
            return SciText(v, single);
        }

        return r.Contains('.', StringComparison.Ordinal) ? r : r + ".0";
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
