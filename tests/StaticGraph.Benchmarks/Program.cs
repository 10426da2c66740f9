using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(StaticGraph.Benchmarks.DenseStepBenchmarks).Assembly).Run(args);
