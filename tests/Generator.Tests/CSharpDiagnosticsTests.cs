using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// One test (at least) per ND03xx diagnostic of the C# front-end, and the language's own diagnostics reached from C#:
/// the ID, the key of the message, and the exact span in the C# file (marked <c>[|...|]</c>), located in its syntax tree.
/// </summary>
public sealed class CSharpDiagnosticsTests
{
    private const string Namespace = "namespace Tests.App;\n\n";

    /// <summary>Runs the generator over the marked code (usings and namespace added) and returns the one diagnostic with <paramref name="id"/>, at the mark.</summary>
    private static Diagnostic Single(string marked, string id, params (string FileName, string Text)[] netFiles)
    {
        var source = MarkedSource.Parse(CSharpHarness.Usings + Namespace + marked);
        var run = CSharpHarness.Run(source.Text, "Model.cs", netFiles);
        var found = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count == 1, $"expected one {id}, got:\n" + string.Join("\n", run.Diagnostics));
        var diagnostic = found[0];
        Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
        Assert.Equal(TestPaths.Source("Model.cs"), diagnostic.Location.SourceTree!.FilePath);
        Assert.True(source.Span == diagnostic.Location.SourceSpan,
            $"{id} at '{source.Text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}' {diagnostic.Location.SourceSpan}, expected '{source.Text.Substring(source.Span.Start, source.Span.Length)}' {source.Span}: {diagnostic.GetMessage()}");
        Assert.Empty(run.Diagnostics.Where(d => d.Id == "ND9999"));
        return diagnostic;
    }

    // ---- ND0301-ND0304: the class ------------------------------------------------------------------------------

    [Fact]
    public void ND0301_a_network_class_that_is_not_partial()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic class [|Net|] { }", "ND0301");

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("'Net' must be partial", diagnostic.GetMessage());
        Assert.Equal("NetDsl.CSharp", diagnostic.Descriptor.Category);
        Assert.Equal("https://github.com/netdsl/netdsl/blob/main/docs/diagnostics-csharp.md#nd0301", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void ND0302_a_generic_class()
    {
        var diagnostic = Single("[Block]\npublic partial class Net[|<T>|] { }", "ND0302");

        Assert.Contains("cannot be generic", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0302_a_class_nested_in_a_generic_type()
    {
        var diagnostic = Single("public partial class Outer[|<T>|]\n{\n    [Network(1, 28, 28)]\n    public partial class Net { }\n}", "ND0302");

        Assert.Contains("nested in the generic type 'Outer'", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0303_a_containing_type_that_is_not_partial()
    {
        var diagnostic = Single("public class [|Outer|]\n{\n    [Network(1, 28, 28)]\n    public partial class Net { }\n}", "ND0303");

        Assert.Contains("'Outer' contains the network 'Net' and must be partial too", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0304_a_record()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial record [|Net|] { }", "ND0304");

        Assert.Contains("is a record", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0304_a_static_class()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic [|static|] partial class Net { }", "ND0304");

        Assert.Contains("cannot be static", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0304_both_network_and_block()
    {
        var diagnostic = Single("[Network(1, 28, 28), [|Block|]]\npublic partial class Net { }", "ND0304");

        Assert.Contains("both [Network] and [Block]", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0304_a_base_class()
    {
        var diagnostic = Single("public class Base { }\n\n[Network(1, 28, 28)]\npublic partial class Net : [|Base|] { }", "ND0304");

        Assert.Contains("derives from 'Tests.App.Base'", diagnostic.GetMessage());
    }

    // ---- ND0305-ND0307: stages ------------------------------------------------------------------------------------

    [Fact]
    public void ND0305_layers_on_a_property_that_is_not_partial()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [ReLU] public Sequential [|Features|] { get; }\n}", "ND0305");

        Assert.Contains("must be partial", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0305_layers_on_a_field()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [[|ReLU|]] private readonly int features;\n}", "ND0305");

        Assert.Contains("not on a field", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0305_layers_on_a_method_with_a_body()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [ReLU] void [|Step|]() { }\n}", "ND0305");

        Assert.Contains("'partial void Step();'", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0306_a_stage_property_with_a_setter()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [ReLU] public partial Sequential [|Features|] { get; set; }\n}", "ND0306");

        Assert.Contains("get-only", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0306_a_stage_property_that_is_not_public()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [ReLU] internal partial Sequential [|Features|] { get; }\n}", "ND0306");

        Assert.Contains("must be public", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0307_a_stage_property_named_like_a_generated_member()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [ReLU] public partial Sequential [|Summary|] { get; }\n}", "ND0307");

        Assert.Contains("'Summary' is a member the generator writes", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0307_a_child_named_like_a_member_of_the_class()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    private int head;\n\n    [Label(\"[|head|]\"), Linear(10)] partial void Head();\n}", "ND0307");

        Assert.Contains("the child 'head' becomes a field named head", diagnostic.GetMessage());
    }

    // ---- ND0308-ND0310: arguments ---------------------------------------------------------------------------------

    [Fact]
    public void ND0308_a_type_where_a_number_is_expected()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Conv2d(8, 3, Stride = [|typeof(int)|])] partial void Body();\n}", "ND0308");

        Assert.Contains("'stride' of op 'conv' must be a number, a bool, a pair", diagnostic.GetMessage());
        Assert.Contains("not a type", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0308_an_array_that_is_not_a_pair()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Conv2d(8, [|new[] { 1, 2, 3 }|])] partial void Body();\n}", "ND0308");

        Assert.Contains("an array of 3 items", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0308_an_enum_value()
    {
        var diagnostic = Single("public enum Size { Small = 3 }\n\n[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Conv2d(8, [|Size.Small|])] partial void Body();\n}", "ND0308");

        Assert.Contains("not an enum value", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0308_a_parameter_type_that_is_not_int_float_or_bool()
    {
        var diagnostic = Single("[Network(1, 28, 28), Parameter(\"n\", 1, Type = [|typeof(string)|])]\npublic partial class Net { }", "ND0308");

        Assert.Contains("the type of 'n' must be typeof(int)", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0309_a_string_with_escape_sequences()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Layers([|\"relu\\n\"|])] partial void Body();\n}", "ND0309");

        Assert.Contains("escape sequences are not supported", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0309_an_interpolated_string()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Linear([|$\"{10}\"|])] partial void Body();\n}", "ND0309");

        Assert.Contains("interpolated", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0309_a_string_constant()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    const string Head = \"relu\";\n\n    [Layers([|Head|])] partial void Body();\n}", "ND0309");

        Assert.Contains("must be a string literal written here", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0310_a_label_that_is_not_a_name()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [ReLU(Label = \"[|features.0|]\")] partial void Body();\n}", "ND0310");

        Assert.StartsWith("a label cannot contain '.'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("\"[||]\"", "a label cannot be empty: PyTorch names every child")]
    // An escape sequence leaves no place inside the string to point at: the whole argument is marked.
    [InlineData("[|\"a\\u0001b\"|]", "a label cannot contain the control character U+0001")]
    public void ND0310_a_label_no_child_can_have(string label, string message)
    {
        var diagnostic = Single($"[Network(1, 28, 28)]\npublic partial class Net\n{{\n    [ReLU(Label = {label})] partial void Body();\n}}", "ND0310");

        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void ND0310_a_label_longer_than_128_characters()
    {
        var diagnostic = Single($"[Network(1, 28, 28)]\npublic partial class Net\n{{\n    [ReLU(Label = \"[|{new string('a', 129)}|]\")] partial void Body();\n}}", "ND0310");

        Assert.Equal("this label has 129 characters; a name or label has at most 128", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0309_a_template_label_with_an_escape_sequence()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [ReLU(Repeat = 2, Label = [|\"a\\\\{i}\"|])] partial void Body();\n}", "ND0309");

        Assert.StartsWith("a label with '{' or '}' is a template", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0310_a_parameter_named_with_a_keyword()
    {
        var diagnostic = Single("[Network(1, 28, 28), Parameter(\"[|input|]\", 3)]\npublic partial class Net { }", "ND0310");

        Assert.Contains("'input' is a NetDsl keyword", diagnostic.GetMessage());
    }

    // ---- ND0311-ND0314: stages and placement ----------------------------------------------------------------------

    [Fact]
    public void ND0311_statements_beside_other_layers()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [ReLU, [|Layers(@\"x = input\n        x\")|]] partial void Body();\n}", "ND0311");

        Assert.Contains("must be the only layer attribute of its stage", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0312_a_network_outside_the_root_namespace()
    {
        var source = MarkedSource.Parse(CSharpHarness.Usings + "namespace Other;\n\n[Network(1, 28, 28)]\npublic partial class [|Net|]\n{\n    [ReLU] partial void Body();\n}");
        var run = CSharpHarness.Run(source.Text);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("ND0312", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("outside the project's root namespace 'Tests.App'", diagnostic.GetMessage());
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void ND0312_a_block_nested_in_a_type()
    {
        var diagnostic = Single("public partial class Outer\n{\n    [Block]\n    public partial class [|Inner|] { }\n}", "ND0312");

        Assert.Contains("a C# block must be declared there, outside any type", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0313_an_empty_layers_string_is_a_warning()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Layers(\"[| |]\")] partial void Body();\n}", "ND0313");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("declares no layers", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0313_a_label_on_a_member_without_layers()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [[|Label(\"head\")|]] partial void Body();\n}", "ND0313");

        Assert.Contains("has no layer attributes", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0314_layers_in_another_part_of_the_class()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net { }\n\npublic partial class Net\n{\n    [[|ReLU|]] partial void Body();\n}", "ND0314");

        Assert.Contains("in another part of 'Net'", diagnostic.GetMessage());
    }

    // ---- the language's diagnostics, reached from C# --------------------------------------------------------------

    [Fact]
    public void ND0004_a_network_without_its_input_shape_at_the_attribute()
    {
        var diagnostic = Single("[[|Network|]]\npublic partial class Net { }", "ND0004");

        Assert.Contains("[Network(3, 224, 224)]", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0101_an_unknown_name_at_its_column_inside_a_string()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Layers(\"conv(8, 3) |> [|rleu|]\")] partial void Body();\n}", "ND0101");

        Assert.StartsWith("'rleu' is not an op, a block or a value in scope", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0002_a_syntax_error_at_its_line_and_column_inside_a_raw_string()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Layers(\"\"\"\n        x = input |> conv(8, 3)\n        x |> conv(8, [|,|] 3)\n        \"\"\")]\n    partial void Body();\n}", "ND0002");

        Assert.Contains("expected an expression, found ','", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0105_a_network_parameter_without_a_default_at_its_name()
    {
        var diagnostic = Single("[Network(1, 28, 28), Parameter(\"[|classes|]\")]\npublic partial class Net\n{\n    [Flatten, Linear(\"classes\")] partial void Body();\n}", "ND0105");

        Assert.Contains("needs a default", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0108_a_float_where_an_int_is_expected_at_the_argument()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Conv2d([|8.5|], 3)] partial void Body();\n}", "ND0108");

        Assert.Contains("'filters' of conv must be an int", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0110_two_stages_with_one_name()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [ReLU] public partial Sequential Head { get; }\n\n    [Label(\"[|head|]\"), ReLU] partial void Tail();\n}", "ND0110");

        Assert.Contains("the label 'head' is used twice", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0114_a_shape_rule_broken_by_a_typed_layer_covers_the_whole_attribute()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Conv2d(8, 3, Padding = 1), [|Dropout(1.5)|]] partial void Body();\n}", "ND0114");

        Assert.Contains("dropout at '1' needs a probability", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0206_inside_a_csharp_block_with_the_call_site_as_additional_location()
    {
        var source = MarkedSource.Parse(CSharpHarness.Usings + Namespace +
            "[Block, Parameter(\"f\")]\npublic partial class Head\n{\n    [[|Linear(\"f\")|]] partial void Body();\n}\n\n[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Call(typeof(Head), 10)] partial void Body();\n}");
        var run = CSharpHarness.Run(source.Text);

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "ND0206");
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        var callSite = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal(LocationKind.SourceFile, callSite.Kind);
        Assert.Equal("Call(typeof(Head), 10)", source.Text.Substring(callSite.SourceSpan.Start, callSite.SourceSpan.Length));
        Assert.Contains($"called at {TestPaths.Source("Model.cs")}({callSite.GetLineSpan().StartLinePosition.Line + 1},", diagnostic.GetMessage());
    }

    [Fact]
    public void ND0102_a_csharp_network_named_like_a_net_block_points_at_both()
    {
        var diagnostic = Single("[Network(1, 28, 28)]\npublic partial class [|Stem|] { }", "ND0102", ("Blocks.net", "block Stem = relu\n"));

        Assert.Equal(TestPaths.Source("Blocks.net"), Assert.Single(diagnostic.AdditionalLocations).GetLineSpan().Path);
    }

    [Fact]
    public void A_front_end_crash_never_reaches_roslyn_and_errors_leave_only_netdsl_diagnostics()
    {
        var source = CSharpHarness.Usings + Namespace + "[Network(1, 28, 28)]\npublic partial class Net\n{\n    [Conv2d(8, 3), Linear(10)]\n    public partial Sequential Features { get; }\n}";
        var run = CSharpHarness.Run(source);

        Assert.Null(run.Generator.Exception);
        Assert.Equal(new[] { "ND0206" }, run.Diagnostics.Select(d => d.Id));
        Assert.Empty(run.CompilationErrors);
    }
}
