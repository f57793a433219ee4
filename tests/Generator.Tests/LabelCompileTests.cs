using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// Labels that are no C# names (keywords of either language, hyphens, digits first, quotes, non-ASCII, names the
/// generated code uses, a block's parameter) become valid, distinct fields and nested classes: the generated code
/// compiles and emits, and every child keeps its label as its state_dict name.
/// </summary>
[Trait(RealCompiler.Trait, RealCompiler.Value)]
public sealed class LabelCompileTests
{
    private const string Source = """
        block SE(se = true, downsample = 1) {
          se: (conv(input.channels, 1) |> relu) if se
          "downsample": conv(input.channels, 1, stride: downsample)
        }
        block Res(f) = input + (input |> conv(f, 3, padding: 1))
        network N(depth = 2, path = 1) {
          input [8, 8, 8]
          "block": conv(8, 1)
          "block1-0": conv(8, 1)
          "1x1": (conv(8, 1) |> relu)
          "class": { conv(8, 1) |> relu }
          "a \"b\" \\ ü": relu
          "forward": relu
          "path": relu
          "_": relu
          "*": relu
          "encoder_layer_{i}": Res(8) * depth
          "stage{j + 1}": Res(8 + 0 * j) for j in depth
          SE(se: true) |> SE(se: false, downsample: path)
        }
        """;

    [Fact]
    public void Any_label_gives_code_that_compiles_and_registers_the_label()
    {
        var run = GeneratorHarness.Run("N.net", Source);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        var emitted = run.OutputCompilation.Emit(new MemoryStream());
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var network = run.Files.Single(f => f.HintName == "N.g.cs").Text;
        foreach (var key in new[] { "\"block\"", "\"block1-0\"", "\"1x1\"", "\"class\"", "\"a \\\"b\\\" \\\\ ü\"", "\"forward\"", "\"path\"", "\"_\"", "\"*\"" })
            Assert.Contains($"NetDslLayers.Labelled({key}, ref index)", network);
        Assert.Contains("var name = \"encoder_layer_\" + i.ToString(CultureInfo.InvariantCulture);", network);
        Assert.Contains("var name = \"stage\" + (i + 1).ToString(CultureInfo.InvariantCulture);", network);
    }

    [Fact]
    public void A_label_with_the_name_of_a_parameter_is_a_field_of_another_name()
    {
        var run = GeneratorHarness.Run("N.net", Source);
        var block = run.Files.Single(f => f.HintName == "SE.g.cs").Text;

        // Was CS0029: the constructor parameter 'se' hid the field 'se'.
        Assert.Contains("private readonly SeGroup se_;", block);
        Assert.Contains("private readonly Module<Tensor, Tensor> downsample_;", block);
        Assert.Matches(@"var (name\d+) = NetDslLayers.Labelled\(""downsample"", ref index\);\s+[^\n]*\n[^\n]*\n\s+register_module\(\1, downsample_\);", block);
    }
}
