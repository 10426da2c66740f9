using BenchmarkDotNet.Running;

// `suite [--quick]` runs every case and both machine baselines and prints one summary table; anything else goes to
// BenchmarkDotNet's own switcher (`--filter '*Sgemm*'`, `--list flat`, ...).
if (args.Length > 0 && args[0] == "suite")
{
    return StaticGraph.Benchmarks.Suite.SuiteRunner.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(StaticGraph.Benchmarks.DenseStepBenchmarks).Assembly).Run(args);
return 0;
