using BenchmarkDotNet.Running;

if (args.Length >= 2 && args[0] == "render")
{
    await NetDsl.LanguageServer.Benchmarks.ScreenshotPage.Write(args[1]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(NetDsl.LanguageServer.Benchmarks.ServerBenchmarks).Assembly).Run(args);
