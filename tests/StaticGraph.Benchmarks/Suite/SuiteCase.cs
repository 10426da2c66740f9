using System.Globalization;

namespace StaticGraph.Benchmarks.Suite;

/// <summary>What a case's absolute figure is: a rate of floating-point operations, of steps, or of bytes.</summary>
internal enum Measure
{
    Gflops,
    Steps,
    Bandwidth,
}

/// <summary>The measured machine limit a case is a fraction of.</summary>
internal enum Limit
{
    None,
    FmaPeak,
    Stream,
}

/// <summary>
/// One row of the summary: the benchmark method that measures it, how to turn its median time per invocation into the
/// absolute figure (<paramref name="WorkPerOp"/> is FLOPs for <see cref="Measure.Gflops"/> and
/// <see cref="Measure.Steps"/>, bytes for <see cref="Measure.Bandwidth"/>), the limit it is compared with (steps are
/// compared through their counted FLOPs), and the target for the 2-thread run.
/// </summary>
internal sealed record SuiteCase(string Name, Type Type, string Method, Measure Measure, double WorkPerOp, Limit Limit,
    SuiteTarget? Target = null);

/// <summary>A target: at least <paramref name="Value"/> steps/s, or at least that fraction of the limit.</summary>
internal sealed record SuiteTarget(double Value, bool IsFraction)
{
    /// <summary>The target as the table prints it.</summary>
    public string Text => IsFraction
        ? string.Create(CultureInfo.InvariantCulture, $">= {Value * 100:0}% of limit")
        : string.Create(CultureInfo.InvariantCulture, $">= {Value:0} steps/s");

    /// <summary>Whether a measured figure and fraction meet it.</summary>
    public bool IsMet(double figure, double fraction) => (IsFraction ? fraction : figure) >= Value;
}
