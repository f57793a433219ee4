using System.Linq;
using NetDsl.Compiler;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// Issue #11: a file of many declarations. Each unit carries only the declarations it reaches (so its check does not
/// grow with its file), and a project declares at most <see cref="DeclarationLimit.Project"/> networks and blocks.
/// </summary>
public sealed class CompilePlanTests
{
    private static CompilePlan Plan(params DslSource[] sources) => DslCompiler.Plan(sources.Select(s => DslCompiler.Parse(s)).ToList());

    private static CompileUnit Unit(CompilePlan plan, string name) => plan.Units.Single(u => u.Name == name);

    private static string[] Declared(CompileUnit unit) => unit.Files.SelectMany(f => f.Syntax.Declarations).Select(d => d.Name).ToArray();

    [Fact]
    public void A_unit_holds_only_its_declaration_and_the_blocks_it_reaches_in_file_order()
    {
        var plan = Plan(
            new DslSource("a.net", "network N0 {\n  input [4]\n  relu\n}\nblock B = linear(4)\nnetwork N1 {\n  input [4]\n  B()\n}\nblock Unused = relu\n"),
            new DslSource("b.net", "block C = B |> relu\nnetwork N2 {\n  input [4]\n  C\n}\n"));

        Assert.Equal(new[] { "N0" }, Declared(Unit(plan, "N0")));
        Assert.Equal(new[] { "B", "N1" }, Declared(Unit(plan, "N1")));
        Assert.Equal(new[] { "B", "C", "N2" }, Declared(Unit(plan, "N2")));
        Assert.Equal(new[] { "a.net", "b.net" }, Unit(plan, "N2").Files.Select(f => f.Path));
        Assert.Equal(new[] { "Unused" }, Declared(Unit(plan, "Unused")));
    }

    [Fact]
    public void A_unit_carries_the_syntax_errors_inside_its_declarations_only()
    {
        var plan = Plan(new DslSource("a.net", "network N0 {\n  input [4]\n  relu(\n}\nnetwork N1 {\n  input [4]\n  relu\n}\n"));

        Assert.NotEmpty(plan.Diagnostics);
        Assert.NotEmpty(Unit(plan, "N0").Files.Single().Diagnostics);
        Assert.Empty(Unit(plan, "N1").Files.Single().Diagnostics);
        var output = DslCompiler.CompileUnit(Unit(plan, "N1"), new CompileOptions("Test"));
        Assert.Equal(new[] { "N1.g.cs" }, output.Sources.Select(s => s.HintName));
    }

    [Fact]
    public void An_unchanged_declaration_gives_an_equal_unit_when_a_later_one_in_its_file_is_edited()
    {
        const string first = "network N0 {\n  input [4]\n  relu\n}\n";
        var before = Plan(new DslSource("a.net", first + "network N1 {\n  input [4]\n  relu\n}\n"));
        var after = Plan(new DslSource("a.net", first + "network N1 {\n  input [4]\n  tanh\n}\n"));

        // The file's text still differs (spans are offsets into it), but the declarations the unit holds do not.
        Assert.Equal(Unit(before, "N0").Files.Single().Syntax, Unit(after, "N0").Files.Single().Syntax);
        Assert.NotEqual(Unit(before, "N1").Files.Single().Syntax, Unit(after, "N1").Files.Single().Syntax);
    }

    [Fact]
    public void Declarations_past_the_project_limit_get_no_unit()
    {
        var networks = string.Concat(Enumerable.Range(0, DeclarationLimit.Project.Declarations + 5).Select(i => $"network N{i} {{\n  input [1]\n  relu\n}}\n"));
        var plan = Plan(new DslSource("m.net", networks));

        Assert.Equal("ND0120", Assert.Single(plan.Diagnostics).Id);
        Assert.Equal(DeclarationLimit.Project.Declarations + 1, plan.Units.Count);
        Assert.DoesNotContain(plan.Units, u => u.Name == $"N{DeclarationLimit.Project.Declarations}");
    }

    [Fact]
    public void A_project_at_the_limit_is_planned_without_a_diagnostic()
    {
        var networks = string.Concat(Enumerable.Range(0, DeclarationLimit.Project.Declarations).Select(i => $"network N{i} {{\n  input [1]\n  relu\n}}\n"));
        var plan = Plan(new DslSource("m.net", networks));

        Assert.Empty(plan.Diagnostics);
        Assert.Equal(DeclarationLimit.Project.Declarations + 1, plan.Units.Count);
    }

    [Fact]
    public void The_abridged_example_of_docs_diagnostics_gives_the_output_shown()
    {
        var networks = string.Concat(Enumerable.Range(0, 1_001).Select(i => $"network N{i} {{\n  input [4]\n  relu\n}}\n"));
        var diagnostic = Assert.Single(Plan(new DslSource("m.net", networks)).Diagnostics);

        var shown = System.IO.File.ReadAllLines(Infrastructure.RepositoryPaths.DiagnosticsDoc).Single(line => line.Contains(": error ND0120: "));
        Assert.Equal(shown, diagnostic.ToString());
    }
}
