using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace StaticGraph.Benchmarks.Suite;

/// <summary>
/// The <c>suite</c> command: runs every case of <see cref="SuiteCases"/> and both baselines with BenchmarkDotNet at
/// 1 and 2 threads, then prints one summary table (and writes it to BenchmarkDotNet.Artifacts/suite-summary.md).
/// </summary>
internal static class SuiteRunner
{
    /// <summary>Runs the suite; <c>--quick</c> takes few, short iterations for a smoke run. Returns 1 when a case
    /// failed to run.</summary>
    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        var unknown = args.Where(a => a != "--quick").ToArray();
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"suite: unknown option(s) {string.Join(' ', unknown)}; usage: suite [--quick]");
            return 2;
        }

        // Run order: the stream baseline right before the memory-bound case it is compared with, so both meet the
        // same memory traffic from whatever else shares the machine's memory (on a virtual machine, other tenants);
        // the table keeps the SuiteCases order.
        var types = SuiteCases.All.Select(c => c.Type).Distinct()
            .OrderBy(t => t == typeof(StreamBandwidthBenchmarks) || t == typeof(FusedElementwiseBenchmarks) ? 1 : 0)
            .ThenBy(t => t == typeof(FusedElementwiseBenchmarks) ? 1 : 0)
            .ToArray();
        var summaries = BenchmarkRunner.Run(types, Config(quick));
        // The median, not the mean: on a shared machine other processes' bursts skew the mean of a run upwards.
        var medianNs = summaries.SelectMany(s => s.Reports)
            .Where(r => r.ResultStatistics is not null)
            .ToDictionary(r => (r.BenchmarkCase.Descriptor.Type, r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                (int)r.BenchmarkCase.Parameters["Threads"]), r => r.ResultStatistics!.Median);

        string report = $"{Machine(quick)}\n\n{SuiteTable.Format(medianNs)}";
        Console.WriteLine();
        Console.WriteLine(report);
        Save(report);
        int expected = SuiteCases.All.Length * SuiteTable.ThreadCounts.Length;
        return medianNs.Count >= expected ? 0 : 1;
    }

    // In-process: the suite runs in this Release process as built, with no generated project to build per run; the
    // two modes differ only in how many and how long the iterations are.
    private static ManualConfig Config(bool quick)
    {
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1);
        job = quick
            ? job.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100))
            : job.WithWarmupCount(3).WithIterationCount(15);
        return ManualConfig.Create(DefaultConfig.Instance).AddJob(job.WithId(quick ? "quick" : "full"))
            .WithOptions(ConfigOptions.JoinSummary)
            .AddLogger(ConsoleLogger.Default);
    }

    private static string Machine(bool quick)
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : RuntimeInformation.ProcessArchitecture.ToString();
        return $"Suite ({(quick ? "--quick" : "full")}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {cpu}, {Environment.ProcessorCount} logical cores, "
            + $"AVX-512F {(Avx512F.IsSupported ? "yes" : "no")} (Vector512 accelerated: {(Vector512.IsHardwareAccelerated ? "yes" : "no")}), "
            + $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, load average at the end {LoadAverage()}.";
    }

    // Other processes' load explains figures that fall short of the machine; Linux reports it, elsewhere it is unknown.
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }

    // Written beside BenchmarkDotNet's own reports; through a temporary file so a partial table is never left behind.
    private static void Save(string report)
    {
        string folder = Path.GetFullPath("BenchmarkDotNet.Artifacts");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "suite-summary.md"), temp = path + ".tmp";
        File.WriteAllText(temp, report);
        File.Move(temp, path, overwrite: true);
        Console.WriteLine($"Summary written to {path}");
    }
}
