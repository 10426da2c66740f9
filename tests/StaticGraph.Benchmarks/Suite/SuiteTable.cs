using System.Globalization;
using System.Text;

namespace StaticGraph.Benchmarks.Suite;

/// <summary>
/// Turns median times per invocation into the summary table: each case's absolute figure, the limit measured in the
/// same run at the same thread count, the fraction of it, and the 2-thread target.
/// </summary>
internal static class SuiteTable
{
    /// <summary>Thread counts every case runs at, in print order.</summary>
    public static readonly int[] ThreadCounts = [1, 2];

    /// <summary>A Markdown table of every case at every thread count; a case whose run failed says so.</summary>
    /// <param name="medianNs">Median nanoseconds per invocation by (benchmark type, method, threads).</param>
    public static string Format(IReadOnlyDictionary<(Type Type, string Method, int Threads), double> medianNs)
    {
        var text = new StringBuilder();
        text.AppendLine("| case | threads | figure | compared with | fraction | target | met |");
        text.AppendLine("| --- | ---: | ---: | --- | ---: | --- | --- |");
        foreach (var c in SuiteCases.All)
        {
            foreach (int threads in ThreadCounts)
            {
                text.AppendLine(Row(c, threads, medianNs));
            }
        }

        return text.ToString();
    }

    private static string Row(SuiteCase c, int threads, IReadOnlyDictionary<(Type, string, int), double> medianNs)
    {
        var target = threads == 2 ? c.Target : null;
        if (!medianNs.TryGetValue((c.Type, c.Method, threads), out double ns))
        {
            return Cells(c.Name, threads, "run failed", "", "", target?.Text ?? "", target is null ? "" : "no");
        }

        // FLOPs (or bytes) per nanosecond are GFLOP/s (or GB/s).
        double rate = c.WorkPerOp / ns;
        string figure = c.Measure switch
        {
            Measure.Gflops => Invariant($"{rate:0.0} GFLOP/s"),
            Measure.Bandwidth => Invariant($"{rate:0.0} GB/s"),
            _ => Invariant($"{1e9 / ns:0.0} steps/s ({rate:0.0} GFLOP/s)"),
        };
        var limit = SuiteCases.All.FirstOrDefault(l => l.Limit == Limit.None && l.Measure == (c.Limit == Limit.Stream ? Measure.Bandwidth : Measure.Gflops));
        if (c.Limit == Limit.None || limit is null || !medianNs.TryGetValue((limit.Type, limit.Method, threads), out double limitNs))
        {
            return Cells(c.Name, threads, figure, c.Limit == Limit.None ? "(this is the limit)" : "limit run failed", "", target?.Text ?? "", "");
        }

        double limitRate = limit.WorkPerOp / limitNs, fraction = rate / limitRate;
        string unit = limit.Measure == Measure.Bandwidth ? "GB/s" : "GFLOP/s";
        string compared = Invariant($"{(c.Limit == Limit.Stream ? "stream" : "FMA peak")} {limitRate:0.0} {unit}");
        string met = target is null ? "" : target.IsMet(1e9 / ns, fraction) ? "yes" : "no";
        return Cells(c.Name, threads, figure, compared, Invariant($"{fraction * 100:0}%"), target?.Text ?? "", met);
    }

    private static string Cells(string name, int threads, string figure, string compared, string fraction, string target, string met) =>
        $"| {name} | {threads} | {figure} | {compared} | {fraction} | {target} | {met} |";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
