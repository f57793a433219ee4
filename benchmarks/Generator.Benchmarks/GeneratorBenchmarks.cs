using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetDsl.Generator.Benchmarks;

/// <summary>
/// Generator time for a whole run on a fresh driver (nothing cached), as a build pays it: parse, check and emit
/// every network, plus Roslyn's own driver overhead. The compilation holds no C# so only NetDsl is measured.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpCompilation EmptyCompilation = CSharpCompilation.Create("Bench", options: new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));

    private AdditionalText[] _examples = null!;
    private AdditionalText[] _deep1000 = null!;
    private AdditionalText[] _deep2000 = null!;
    private AdditionalText[] _deep10000 = null!;
    private AdditionalText[] _deep20000 = null!;
    private AdditionalText[] _networks200 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _examples = Inputs.ExamplesFolder();
        _deep1000 = Inputs.DeepNetwork(1_000);
        _deep2000 = Inputs.DeepNetwork(2_000);
        _deep10000 = Inputs.DeepNetwork(10_000);
        _deep20000 = Inputs.DeepNetwork(20_000);
        _networks200 = Inputs.ManyNetworks(200);
    }

    [Benchmark(Description = "examples folder")]
    public int ExamplesFolder() => Run(_examples);

    [Benchmark(Description = "1,000 layers")]
    public int Layers1000() => Run(_deep1000);

    [Benchmark(Description = "2,000 layers")]
    public int Layers2000() => Run(_deep2000);

    [Benchmark(Description = "10,000 layers")]
    public int Layers10000() => Run(_deep10000);

    [Benchmark(Description = "20,000 layers")]
    public int Layers20000() => Run(_deep20000);

    [Benchmark(Description = "200 networks")]
    public int Networks200() => Run(_networks200);

    private static int Run(AdditionalText[] files)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetDslGenerator().AsSourceGenerator() }, files);
        driver = driver.RunGenerators(EmptyCompilation);
        var result = driver.GetRunResult();
        return result.GeneratedTrees.Length + result.Diagnostics.Length;
    }
}
