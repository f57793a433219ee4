using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>What the C# front-end hands the compiler for some C# code, and what the <c>.net</c> parser makes of some text.</summary>
public static class FrontEndRun
{
    /// <summary>The declarations and front-end diagnostics the compiler receives for <paramref name="code"/> (usings added).</summary>
    public static (IReadOnlyList<DeclarationSyntax> Declarations, IReadOnlyList<DslDiagnostic> Diagnostics) Read(string code)
    {
        var units = Units(code);
        return (units.SelectMany(u => u.Syntax.Declarations).ToList(), units.SelectMany(u => u.Diagnostics).ToList());
    }

    public static IReadOnlyList<SyntaxUnit> Units(string code)
    {
        var compiler = new RecordingCompiler();
        var driver = GeneratorHarness.CreateDriver(Array.Empty<AdditionalText>(), compiler.CompileWithUnits);
        GeneratorHarness.RunDriver(driver, GeneratorHarness.CreateCompilation(new[] { CSharpHarness.Tree(CSharpHarness.Usings + code) }));
        return compiler.Units.Single();
    }

    /// <summary>The declarations of a <c>.net</c> text, printed; the text must parse without errors.</summary>
    public static IReadOnlyList<string> ParseNet(string text)
    {
        var diagnostics = new DiagnosticBag();
        var file = Parser.Parse(new SourceText(TestPaths.Source("expected.net"), text), diagnostics);
        if (diagnostics.Items.Count > 0) throw new InvalidOperationException("the expected .net text does not parse: " + diagnostics.Items[0]);
        return file.Declarations.Select(SyntaxPrinter.Print).ToList();
    }
}
