using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(NetDsl.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
