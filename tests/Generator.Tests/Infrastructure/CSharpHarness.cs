using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>Runs the generator over C# sources (the attribute front-end), with <c>.net</c> files beside them if given.</summary>
public static class CSharpHarness
{
    /// <summary>What every C# sample starts with: the attributes, TorchSharp's module types, the test root namespace.</summary>
    public const string Usings = """
        using NetDsl;
        using TorchSharp.Modules;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;

        """;

    public static SyntaxTree Tree(string code, string fileName = "Model.cs") =>
        CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions, TestPaths.Source(fileName));

    public static GeneratorRun Run(string code, string fileName = "Model.cs", params (string FileName, string Text)[] netFiles) =>
        Run(new[] { Tree(code, fileName) }, netFiles);

    public static GeneratorRun Run(IEnumerable<SyntaxTree> trees, params (string FileName, string Text)[] netFiles) =>
        GeneratorHarness.Run(
            netFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(TestPaths.Source(f.FileName), f.Text)),
            trees: trees);
}
