using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Generator.Tests.Infrastructure;

namespace NetDsl.Generator.Tests.Bounds;

/// <summary>
/// One build of one <c>.net</c> file in a child process (<c>dotnet NetDsl.Generator.Tests.dll build FILE</c>): the
/// generator runs as the compiler runs it (no step tracking), then the compilation with the generated files is emitted.
/// Prints <c>DIAGNOSTICS</c> (the generator's IDs), <c>ERRORS</c> (C# errors of the output, the first few),
/// <c>GENERATED_BYTES</c>, <c>SECONDS</c> (of which <c>GENERATOR_SECONDS</c> in the generator), <c>CPU_SECONDS</c> (the
/// processor time of the build, all threads: what a busy machine does not inflate) and <c>PEAK_MB</c> (the most resident memory of the process, Linux's VmHWM,
/// reset before the build); <see cref="ChildBuild"/> reads them.
/// </summary>
internal static class BuildCase
{
    public const string Command = "build";

    public static int Run(string path)
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var files = new AdditionalText[] { new InMemoryAdditionalText(TestPaths.Source(Path.GetFileName(path)), File.ReadAllText(path)) };
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the reset the peak includes start-up; the bounds the tests assert still hold.
        }
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var driver = CSharpGeneratorDriver.Create(new[] { new NetDslGenerator().AsSourceGenerator() }, files, GeneratorHarness.ParseOptions,
            new TestAnalyzerConfigOptionsProvider(new System.Collections.Generic.Dictionary<string, string> { [GeneratorOptions.RootNamespaceKey] = GeneratorHarness.RootNamespace }));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generatorSeconds = clock.Elapsed.TotalSeconds;
        var generated = output.SyntaxTrees.Sum(t => (long)t.Length);
        var emitted = output.Emit(Stream.Null);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Console.WriteLine($"DIAGNOSTICS\t{string.Join(" ", diagnostics.Select(d => d.Id).Distinct())}");
        Console.WriteLine($"MESSAGE\t{diagnostics.Select(d => d.GetMessage().Replace('\n', ' ')).FirstOrDefault()}");
        Console.WriteLine($"ERRORS\t{errors.Count}\t{string.Join(" | ", errors.Take(3).Select(e => e.Id + " " + e.GetMessage()))}");
        Console.WriteLine($"GENERATED_BYTES\t{generated}");
        Console.WriteLine($"SECONDS\t{seconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}");
        Console.WriteLine($"CPU_SECONDS\t{cpuSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}");
        Console.WriteLine($"GENERATOR_SECONDS\t{generatorSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}");
        Console.WriteLine($"PEAK_MB\t{Status("VmHWM") / 1024}");
        return 0;
    }

    private static long Status(string field)
    {
        var line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
