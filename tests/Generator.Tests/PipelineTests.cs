using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Compiler;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>What the generator hands the compiler, and what it does with the compiler's files.</summary>
public sealed class PipelineTests
{
    [Fact]
    public void Only_net_files_reach_the_compiler_in_path_order_whatever_the_case_of_the_extension()
    {
        var compiler = new RecordingCompiler();

        GeneratorHarness.Run(
            new AdditionalText[]
            {
                new InMemoryAdditionalText("/src/app/b.net", "b"),
                new InMemoryAdditionalText("/src/app/A.NET", "a"),
                new InMemoryAdditionalText("/src/app/c.Net", "c"),
                new InMemoryAdditionalText("/src/app/notes.txt", "not a network"),
                new InMemoryAdditionalText("/src/app/model.network", "not a network"),
                new InMemoryAdditionalText("/src/app/dotnet", "not a network"),
            },
            compiler.Compile);

        var call = Assert.Single(compiler.Calls);
        Assert.Equal(new[] { "/src/app/A.NET", "/src/app/b.net", "/src/app/c.Net" }, call.Sources.Select(s => s.Path));
        Assert.Equal(new[] { "a", "b", "c" }, call.Sources.Select(s => s.Text));
    }

    [Fact]
    public void A_file_the_host_cannot_read_is_skipped()
    {
        var compiler = new RecordingCompiler();

        GeneratorHarness.Run(
            new AdditionalText[] { new InMemoryAdditionalText("/src/app/gone.net", null), new InMemoryAdditionalText("/src/app/ok.net", "ok") },
            compiler.Compile);

        Assert.Equal(new[] { new DslSource("/src/app/ok.net", "ok") }, Assert.Single(compiler.Calls).Sources);
    }

    [Fact]
    public void A_file_listed_twice_is_compiled_once()
    {
        var compiler = new RecordingCompiler();

        GeneratorHarness.Run(
            new AdditionalText[] { new InMemoryAdditionalText("/src/app/a.net", "a"), new InMemoryAdditionalText("/src/app/a.net", "a") },
            compiler.Compile);

        Assert.Single(Assert.Single(compiler.Calls).Sources);
    }

    [Fact]
    public void The_project_root_namespace_becomes_the_namespace_of_generated_code()
    {
        var compiler = new RecordingCompiler();

        GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/src/app/a.net", "a") }, compiler.Compile, rootNamespace: "Contoso.Vision");

        Assert.Equal(new CompileOptions("Contoso.Vision"), Assert.Single(compiler.Calls).Options);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_root_namespace_generated_code_goes_to_NetDsl_Generated(string? rootNamespace)
    {
        var compiler = new RecordingCompiler();

        GeneratorHarness.Run(new[] { new InMemoryAdditionalText("/src/app/a.net", "a") }, compiler.Compile, rootNamespace);

        Assert.Equal(new CompileOptions("NetDsl.Generated"), Assert.Single(compiler.Calls).Options);
    }

    [Fact]
    public void The_compilers_files_are_added_under_their_hint_names()
    {
        var compile = FakeCompiler.Emitting(
            new GeneratedSource("Alpha.g.cs", "namespace Tests.App { public sealed class Alpha { } }"),
            new GeneratedSource("Beta.g.cs", "namespace Tests.App { public sealed class Beta { } }"));

        var run = GeneratorHarness.Run("a.net", "a", compile);

        Assert.Equal(new[] { "Alpha.g.cs", "Beta.g.cs" }, run.Files.Select(f => f.HintName));
        Assert.Equal("namespace Tests.App { public sealed class Alpha { } }", run.Files[0].Text);
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("Tests.App.Beta"));
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Csharp_declarations_reach_the_compiler_as_units_in_file_and_position_order()
    {
        var compiler = new RecordingCompiler();
        var driver = GeneratorHarness.CreateDriver(new[] { new InMemoryAdditionalText("/src/app/a.net", "a") }, compiler.CompileWithUnits);
        var b = CSharpHarness.Tree(CSharpHarness.Usings + "namespace Tests.App;\n[Block] public partial class Second { }\n[Network(1)] public partial class Third { }\n", "B.cs");
        var a = CSharpHarness.Tree(CSharpHarness.Usings + "namespace Tests.App;\n[Block] public partial class First { }\n", "A.cs");

        GeneratorHarness.RunDriver(driver, GeneratorHarness.CreateCompilation(new[] { b, a }));

        var units = Assert.Single(compiler.Units);
        Assert.Equal(new[] { "/src/app/A.cs", "/src/app/B.cs", "/src/app/B.cs" }, units.Select(u => u.Path));
        Assert.Equal(new[] { "First", "Second", "Third" }, units.Select(u => u.Syntax.Declarations.Single().Name));
        Assert.Equal(new[] { "/src/app/a.net" }, compiler.Calls.Single().Sources.Select(s => s.Path));
    }
}
