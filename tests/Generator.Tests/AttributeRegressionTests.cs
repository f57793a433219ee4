using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// Inputs the attribute fuzzer (<see cref="AttributeFuzzTests"/>) found to crash the generator or to make it write code
/// that does not compile, each reduced to a few lines, with what the user gets now: the NDxxxx diagnostic at its span
/// (marked <c>[|...|]</c>), or the C# compiler's own error, and generated code that adds no error of its own.
/// </summary>
[Trait(RealCompiler.Trait, RealCompiler.Value)]
public sealed class AttributeRegressionTests
{
    private const string Namespace = "namespace Tests.App;\n\n";

    private static (MarkedSource Source, GeneratorRun Run) Run(string marked, params (string FileName, string Text)[] netFiles)
    {
        var source = MarkedSource.Parse(CSharpHarness.Usings + Namespace + marked);
        var run = CSharpHarness.Run(source.Text, "Model.cs", netFiles);
        Assert.Null(run.Generator.Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "ND9999" or "CS8785");
        return (source, run);
    }

    /// <summary>The one diagnostic with <paramref name="id"/>, at the mark; the generated code compiles with the class.</summary>
    /// <param name="allowMissingImplementations">For a class that gets no part at all: its partial properties stay unimplemented (CS9248).</param>
    private static Diagnostic Single(string marked, string id, params (string FileName, string Text)[] netFiles) => Single(marked, id, false, netFiles);

    private static Diagnostic Single(string marked, string id, bool allowMissingImplementations, params (string FileName, string Text)[] netFiles)
    {
        var (source, run) = Run(marked, netFiles);
        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == id);
        Assert.Equal(TestPaths.Source("Model.cs"), diagnostic.Location.SourceTree?.FilePath);
        Assert.True(source.Span == diagnostic.Location.SourceSpan,
            $"{id} at '{source.Text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}', expected '{source.Text.Substring(source.Span.Start, source.Span.Length)}': {diagnostic.GetMessage()}");
        Assert.DoesNotContain(run.CompilationErrors, e => !(allowMissingImplementations && e.Id == "CS9248"));
        Assert.DoesNotContain(run.Files, f => f.HintName != "NetDslLayers.g.cs" && allowMissingImplementations);
        return diagnostic;
    }

    // ---- crashes ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[Layers([|\"\"\")]|]\n    partial void Body();")]
    [InlineData("[Linear([|\"\"\")]|]\n    partial void Body();")]
    [InlineData("[ReLU(Label = \"x\", [|\"\"\")]|]\n    partial void Body();")]
    [InlineData("[Layers([|\"relu)]|]\n    partial void Body();")]
    public void An_unterminated_string_is_left_to_the_csharp_compiler(string stage)
    {
        // Found as ND9999 (ArgumentOutOfRangeException): the contents of an unterminated raw string had a negative length.
        var (source, run) = Run("[Network(1, 8, 8)]\npublic partial class Net\n{\n    " + stage + "\n}");

        Assert.DoesNotContain(run.Diagnostics, d => d.Location.SourceSpan.IntersectsWith(source.Span));
        Assert.Contains(run.CompilationErrors, d => d.Id.StartsWith("CS", System.StringComparison.Ordinal) && d.Location.SourceSpan.IntersectsWith(source.Span));
    }

    // ---- declarations with errors get no code, and neither does what calls them ------------------------------------

    [Fact]
    public void A_class_with_an_argument_the_front_end_cannot_read_gets_a_stub_not_a_module_without_the_layer()
    {
        // Found as CS0029 in the generated file: the layer was dropped, the stage became a group that is no Sequential.
        Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Conv2d(8, [|new[] { 1, 2, 3 }|]), BatchNorm2d]\n    public partial Sequential Features { get; }\n}", "ND0308");
    }

    [Fact]
    public void A_class_with_a_stage_the_front_end_rejects_gets_a_stub()
    {
        // Found as CS0102 in the generated file: the stage 'forward' was skipped and the rest generated, forward() included.
        var (source, run) = Run("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Flatten, Linear(10)]\n    public partial Sequential [|forward|] { get; }\n}");

        Assert.Equal(source.Span, Assert.Single(run.Diagnostics, d => d.Id == "ND0307").Location.SourceSpan);
        Assert.DoesNotContain(run.Files, f => f.HintName == "Net.g.cs" && !f.Text.Contains("has errors"));
        // The rejected property stays unimplemented: C# says so beside the ND0307, at the same name.
        var error = Assert.Single(run.CompilationErrors);
        Assert.Equal(("CS9248", source.Span), (error.Id, error.Location.SourceSpan));
    }

    [Fact]
    public void A_network_calling_a_csharp_block_with_errors_gets_no_code()
    {
        // Found as CS1729 in the generated network: it called the constructor of a block that had no generated part.
        Single("[Block]\npublic partial class Head\n{\n    [Conv2d(8, [|typeof(int)|])] partial void Body();\n}\n\n[Network(3, 8, 8)]\npublic partial class Net\n{\n    [Call(typeof(Head))]\n    public partial Head Body { get; }\n}", "ND0308");
    }

    [Fact]
    public void A_block_calling_a_block_with_errors_gets_no_code_nor_what_calls_it()
    {
        // Found as CS1729 in the generated Stage: Stage was generated though the Basic it calls was not.
        Single("[Block, Parameter(\"f\")]\npublic partial class Basic\n{\n    [Conv2d(\"f\", 3, Stride = [|1.5|])] partial void Body();\n}\n\n[Block]\npublic partial class Stage\n{\n    [Call(typeof(Basic), 8)] partial void Body();\n}\n\n[Network(3, 8, 8)]\npublic partial class Net\n{\n    [Call(typeof(Stage))]\n    public partial Stage Layer1 { get; }\n}", "ND0108");
    }

    [Theory]
    [InlineData("block A = conv(8, 3, stride: 1.5)\nblock S = A\n", "ND0108")]
    [InlineData("block A = conv(8, 3,, 1)\nblock S = A\nnetwork N {\n  input [3, 8, 8]\n  S\n}\n", "ND0002")]
    public void In_a_net_file_too_a_block_calling_a_block_without_code_gets_none(string text, string id)
    {
        var run = GeneratorHarness.Run("Blocks.net", text);

        Assert.Equal(new[] { id }, run.Diagnostics.Select(d => d.Id));
        Assert.DoesNotContain(run.Files, f => f.HintName is "S.g.cs" or "N.g.cs");
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_file_local_class_is_ND0304()
    {
        // Found as CS9249 in the generated stub: a 'file' class cannot have a part in another file.
        var diagnostic = Single("[Network(3, 8, 8)]\n[|file|] partial class Net\n{\n    [ReLU]\n    public partial Module<Tensor, Tensor> Head { get; }\n}", "ND0304", allowMissingImplementations: true);

        Assert.Equal("'Net' cannot be file-local: the generated part of the class is another file, which cannot see it", diagnostic.GetMessage());
    }

    // ---- members of the class that clash with the generated part -------------------------------------------------

    [Theory]
    [InlineData("public int [|Summary|]() => 0;", "'Summary' is a member the generator writes for every network; rename this method")]
    [InlineData("public Tensor [|forward|](Tensor input) => input;", "'forward' is a member the generator writes for every network; rename this method")]
    [InlineData("private void [|RegisterComponents|]() { }", "'RegisterComponents' is a member the generator writes for every network; rename this method")]
    [InlineData("public static int [|OutputShape|];", "'OutputShape' is a member the generator writes for every network; rename this field")]
    [InlineData("[ReLU] partial void [|Layers|]();", "'Layers' is a member the generator writes for every network; rename this method")]
    public void A_member_named_like_a_generated_member_is_ND0307(string member, string message)
    {
        // Found as CS0102 / CS0111 / CS0115 in the generated file, with no NDxxxx diagnostic.
        var diagnostic = Single("[Network(3, 8, 8)]\npublic partial class Net\n{\n    [Conv2d(8, 3)] partial void Body();\n\n    " + member + "\n}", "ND0307");

        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void A_method_that_only_overloads_forward_is_fine()
    {
        var (_, run) = Run("[Network(3, 8, 8)]\npublic partial class Net\n{\n    [Conv2d(8, 3)] partial void Body();\n\n    public Tensor forward(Tensor input, int times) => input;\n}[||]");

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_constructor_of_its_own_is_ND0304()
    {
        // Found as CS0111 (or CS1729: Module<Tensor, Tensor> has no parameterless constructor) in the generated file.
        var diagnostic = Single("[Network(3, 8, 8)]\npublic partial class Net\n{\n    [Conv2d(8, 3)] partial void Body();\n\n    public [|Net|]() { }\n}", "ND0304");

        Assert.Equal("'Net' declares a constructor, but the generated part writes the network's constructor, which builds its layers; remove this one, or chain it to the generated one with ': this(...)'", diagnostic.GetMessage());
    }

    [Fact]
    public void A_constructor_that_chains_to_the_generated_one_is_fine()
    {
        var (_, run) = Run("[Network(3, 8, 8), Parameter(\"f\", 8)]\npublic partial class Net\n{\n    [Conv2d(\"f\", 3)] partial void Body();\n\n    public Net(string size) : this(size == \"big\" ? 64 : 8) { }\n}[||]");

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Generated_fields_and_nested_classes_avoid_the_names_of_the_class_members()
    {
        // Found as CS0102 in the generated file: the unnamed child field '_1' beside the user's field '_1'.
        var (_, run) = Run("[Network(3, 8, 8)]\npublic partial class Net\n{\n    [Conv2d(8, 3), ReLU] partial void Body();\n\n    [Layers(\"input + (input |> relu)\")]\n    public partial Module<Tensor, Tensor> Features { get; }\n\n    private readonly int _1 = 1;\n    public int FeaturesGroup => _1;\n}[||]");

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(WarningsInGeneratedFiles(run));
        var code = Assert.Single(run.Files, f => f.HintName == "Net.g.cs").Text;
        Assert.Contains("private readonly Module<Tensor, Tensor> _1_;", code);
        Assert.Contains("public sealed class FeaturesGroup2 :", code);
    }

    // ---- names the generated code uses, hidden by a declaration of the user ---------------------------------------

    [Theory]
    [InlineData("private readonly int [|nn|] = 1;", "'nn' is a name the generated code uses for another class or method, which this field would hide; rename it")]
    [InlineData("public static int [|Padding|] => 0;", "'Padding' is a name the generated code uses for another class or method, which this property would hide; rename it")]
    [InlineData("public class [|Shape|] { }", "'Shape' is a name the generated code uses for another type, which this type would hide; rename it")]
    public void A_member_that_hides_a_name_the_generated_code_uses_is_ND0307(string member, string message)
    {
        // Found as CS1061 in the generated file: a field 'nn' made 'nn.Conv2d(...)' a member access on an int.
        var diagnostic = Single("[Network(3, 8, 8)]\npublic partial class Net\n{\n    [Conv2d(8, 3)] partial void Body();\n\n    " + member + "\n}", "ND0307");

        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void A_member_that_only_shares_a_type_name_the_generated_code_uses_is_fine()
    {
        var (_, run) = Run("[Network(3, 8, 8)]\npublic partial class Net\n{\n    [Conv2d(8, 3)] partial void Body();\n\n    public int Shape => 1;\n    public string Tensor = \"\";\n}[||]");

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_block_class_named_like_a_type_the_generated_code_uses_is_ND0117()
    {
        // Found as dozens of C# errors in every generated file: the block 'Tensor' hid TorchSharp's Tensor.
        var diagnostic = Single("[Block]\npublic partial class [|Tensor|]\n{\n    [ReLU] partial void Body();\n}", "ND0117");

        Assert.Equal("'Tensor' is a name the generated code uses for another type; name the block differently", diagnostic.GetMessage());
    }

    [Fact]
    public void A_type_beside_a_network_that_hides_a_name_the_generated_code_uses_is_ND0307_at_the_network()
    {
        var (source, run) = Run("public class Shape { }\n\n[Network(3, 8, 8)]\npublic partial class [|Net|]\n{\n    [Conv2d(8, 3)]\n    public partial Module<Tensor, Tensor> Body { get; }\n}");

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("ND0307", source.Span), (diagnostic.Id, diagnostic.Location.SourceSpan));
        Assert.Equal("'Tests.App.Shape' hides the Shape the generated code of 'Net' uses; rename it, or move 'Net' away from it", diagnostic.GetMessage());
        // Net gets its stub; the support class of the namespace still names Shape (a known limit: rename the type).
        Assert.Contains("has errors", Assert.Single(run.Files, f => f.HintName == "Net.g.cs").Text);
    }

    [Theory]
    [InlineData("network N {\n  input [3, 8, 8]\n  nn: relu\n  torch: relu\n  ShapeRules: relu\n}\n")]
    [InlineData("network N(nn = 3) {\n  input [3, 8, 8]\n  conv(nn, 1)\n}\n")]
    [InlineData("block B(Padding = 1, CultureInfo = 2) = conv(Padding, CultureInfo)\nnetwork N {\n  input [3, 8, 8]\n  B\n}\n")]
    public void In_a_net_file_labels_and_parameters_named_like_what_the_generated_code_uses_compile(string text)
    {
        // Found as CS1061 in the generated file: the field (or parameter) 'nn' hid TorchSharp's nn.
        var run = GeneratorHarness.Run("N.net", text);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("[Network(32)]\npublic partial class @class\n{\n    [ReLU]\n    public partial Module<Tensor, Tensor> @int { get; }\n}\n\npublic partial class @struct\n{\n    [Block]\n    public partial class @event { }\n}[||]")]
    [InlineData("[Network(32)]\npublic partial class Net\n{\n    [Flatten, Sigmoid]\n    public partial Sequential @class { get; }\n\n    [Label(\"x\"), Layers(\"relu |> relu\"), Call(typeof(@class)), Call(\"@class\")]\n    public partial Module<Tensor, Tensor> Tail { get; }\n}[||]")]
    public void Names_that_are_csharp_keywords_are_escaped_in_generated_code(string code)
    {
        // Found as CS1001 in the generated file: 'public sealed partial class class', 'public partial Sequential class => ...'.
        var (_, run) = Run(code);

        Assert.DoesNotContain(run.CompilationErrors, e => e.Location.SourceTree is { } tree && run.Generator.GeneratedSources.Any(s => s.SyntaxTree == tree));
    }

    [Theory]
    [InlineData("block class = relu\nnetwork long {\n  input [3, 8, 8]\n  class |> class\n}\n")]
    [InlineData("block event(f = 2) {\n  input x, base\n  concat(x, base) |> conv(f, 1)\n}\nnetwork N {\n  input [3, 8, 8]\n  (input, input) |> event\n}\n")]
    public void In_a_net_file_too_names_that_are_csharp_keywords_are_escaped(string text)
    {
        var run = GeneratorHarness.Run("N.net", text);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("[Network(3, 8, 8)]\npublic partial class [|OutputShape|]\n{\n    [ReLU] partial void Body();\n}", "network")]
    [InlineData("[Block]\npublic partial class [|forward|]\n{\n    [ReLU] partial void Body();\n}", "block")]
    public void A_class_named_like_a_member_of_every_generated_class_is_ND0117(string code, string keyword)
    {
        // Found as CS0542 in the generated file: 'OutputShape': member names cannot be the same as their enclosing type.
        var diagnostic = Single(code, "ND0117");

        Assert.EndsWith($"is a member of every generated class; name the {keyword} differently", diagnostic.GetMessage());
    }

    // ---- a stage property whose type cannot hold its child -------------------------------------------------------

    [Theory]
    [InlineData("[Sigmoid]\n    public partial [|Sequential|] Tail { get; }", "the stage 'Tail' is one layer, sigmoid, a Module<Tensor, Tensor>, which a property of this type cannot hold; declare it as Module<Tensor, Tensor> (a stage of several layers is a Sequential)")]
    [InlineData("[ReLU, Layers(\"input + input\")]\n    public partial [|Sequential|] Tail { get; }", "the stage 'Tail' is a group with branches or merges, a Module<Tensor, Tensor>, which a property of this type cannot hold; declare it as Module<Tensor, Tensor>")]
    [InlineData("[ReLU, Sigmoid]\n    public partial [|Head|] Tail { get; }", "the stage 'Tail' is a chain of layers, a Sequential, which a property of this type cannot hold; declare it as Sequential (or Module<Tensor, Tensor>)")]
    [InlineData("[Softmax]\n    public partial [|Head|] Tail { get; }", "the stage 'Tail' is one layer, softmax, a Module<Tensor, Tensor>, which a property of this type cannot hold; declare it as Module<Tensor, Tensor> (a stage of several layers is a Sequential)")]
    [InlineData("[Call(typeof(Head))]\n    public partial [|Sequential|] Tail { get; }", "the stage 'Tail' is the block Head, which a property of this type cannot hold; declare it as Head (or Module<Tensor, Tensor>)")]
    [InlineData("[Layers(\"parallel 2 { relu }\")]\n    public partial [|Module<Tensor, Tensor>|] Tail { get; }\n\n    [Layers(\"concat\")] partial void Merge();", "the stage 'Tail' is parallel copies, a ModuleList<Module<Tensor, Tensor>>, which a property of this type cannot hold; declare it as ModuleList<Module<Tensor, Tensor>>")]
    [InlineData("[ReLU]\n    public partial [|int|] Tail { get; }", "the stage 'Tail' is one layer, relu, a Module<Tensor, Tensor>, which a property of this type cannot hold; declare it as Module<Tensor, Tensor> (a stage of several layers is a Sequential)")]
    public void A_stage_property_whose_type_cannot_hold_its_child_is_ND0315(string stage, string message)
    {
        // Found as CS0029 / CS0266 in the generated file ('public partial Sequential Tail => tail;' for one layer).
        var diagnostic = Single("[Block]\npublic partial class Head\n{\n    [ReLU] partial void Body();\n}\n\n[Network(3, 8, 8)]\npublic partial class Net\n{\n    " + stage + "\n}", "ND0315");

        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[Sigmoid]\n    public partial Module<Tensor, Tensor> Tail { get; }")]
    [InlineData("[Sigmoid]\n    public partial Module<Tensor, Tensor>? Tail { get; }")]
    [InlineData("[ReLU, Sigmoid]\n    public partial Module<Tensor, Tensor> Tail { get; }")]
    [InlineData("[ReLU, Sigmoid]\n    public partial nn.Module Tail { get; }")]
    [InlineData("[ReLU, Sigmoid]\n    public partial object Tail { get; }")]
    [InlineData("[Call(typeof(Head))]\n    public partial Head Tail { get; }")]
    [InlineData("[Call(typeof(Head))]\n    public partial Module<Tensor, Tensor> Tail { get; }")]
    [InlineData("[Call(\"NetHead\")]\n    public partial NetHead Tail { get; }")]
    [InlineData("[Call(typeof(Head), Repeat = 2)]\n    public partial Sequential Tail { get; }")]
    [InlineData("[Layers(\"parallel 2 { relu }\"), Layers(\"concat\")]\n    partial void Tail();")]
    [InlineData("[Layers(\"input + input\")]\n    public partial Module<Tensor, Tensor> Tail { get; }")]
    public void A_stage_property_whose_type_holds_its_child_compiles(string stage)
    {
        var (_, run) = Run("[Block]\npublic partial class Head\n{\n    [ReLU] partial void Body();\n}\n\n[Network(3, 8, 8)]\npublic partial class Net\n{\n    " + stage + "\n}[||]", ("Blocks.net", "block NetHead = relu\n"));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void In_a_block_too_a_stage_property_whose_type_cannot_hold_its_child_is_ND0315_and_its_callers_get_no_code()
    {
        var (source, run) = Run("[Block]\npublic partial class Head\n{\n    [ReLU]\n    public partial [|Sequential|] Body { get; }\n}\n\n[Network(3, 8, 8)]\npublic partial class Net\n{\n    [Call(typeof(Head))]\n    public partial Head Tail { get; }\n}");

        Assert.Equal(source.Span, Assert.Single(run.Diagnostics, d => d.Id == "ND0315").Location.SourceSpan);
        Assert.Single(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    // ---- generated code that did not compile, from .net files too -------------------------------------------------

    [Fact]
    public void A_parameter_default_that_is_a_word_is_a_type_error()
    {
        // Found as CS1750 in the generated block: 'long blocks = "same"'.
        var diagnostic = Single("[Block, Parameter(\"f\"), Parameter(\"blocks\", \"[|same|]\")]\npublic partial class Stage\n{\n    [Conv2d(\"f\", 1)] partial void Body();\n}", "ND0108");

        Assert.Contains("the default of 'blocks' must be a number or a bool, not a word", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("block S(f, blocks = same) = conv(f, 1)\n")]
    [InlineData("block S(f, blocks = (1, 2)) = conv(f, 1)\n")]
    [InlineData("network N(blocks = valid) {\n  input [3, 8, 8]\n  relu\n}\n")]
    public void In_a_net_file_too_a_parameter_default_that_is_a_word_or_a_pair_is_a_type_error(string text)
    {
        var run = GeneratorHarness.Run("Blocks.net", text);

        Assert.Contains(run.Diagnostics, d => d.Id == "ND0108" && d.GetMessage().StartsWith("the default of 'blocks' must be a number or a bool", System.StringComparison.Ordinal));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_network_parameter_whose_default_is_another_parameter_compiles()
    {
        // Found as CS0103 in the generated network: 'public N(long n = 8, long blocks = n)'.
        var (_, run) = Run("[Network(3, 8, 8), Parameter(\"n\", 8), Parameter(\"blocks\", \"n * 2\")]\npublic partial class Net\n{\n    [Conv2d(\"blocks\", 1)] partial void Body();\n}[||]");

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        var code = Assert.Single(run.Files, f => f.HintName == "Net.g.cs").Text;
        Assert.Contains("public Net(long n = 8, long? blocks = null)", code);
        Assert.Contains("var blocksValue = blocks ?? (n * 2);", code);
    }

    [Fact]
    public void In_a_net_file_too_a_network_parameter_whose_default_is_another_parameter_compiles()
    {
        var run = GeneratorHarness.Run("N.net", "network N(n = 8, blocks = n) {\n  input [3, 8, 8]\n  conv(blocks, 1)\n}\n");

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("[ReLU] partial void Body();")]
    [InlineData("[Layers(\"relu |> sigmoid\")] partial void Body();")]
    [InlineData("")]
    public void A_network_whose_layers_need_no_path_compiles_without_warnings(string stage)
    {
        // Found as CS0219 in the generated network: 'const string path' was declared and never used.
        var (_, run) = Run("[Network(3, 8, 8)]\npublic partial class Net\n{\n    " + stage + "\n}[||]");

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(WarningsInGeneratedFiles(run));
    }

    private static System.Collections.Generic.IEnumerable<Diagnostic> WarningsInGeneratedFiles(GeneratorRun run)
    {
        var generated = run.Generator.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        return run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree));
    }
}
