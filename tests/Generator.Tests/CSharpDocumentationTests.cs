using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Diagnostics;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// docs/diagnostics-csharp.md stays true: a section per ND03xx ID with the catalog's title and severity, and an
/// example whose shown output is exactly what the generator reports for it (the file is <c>Model.cs</c>, the root
/// namespace <c>MyApp</c>). After a deliberate message change, review and run <c>NETDSL_ACCEPT=1 dotnet test tests/Generator.Tests</c>.
/// </summary>
public sealed class CSharpDocumentationTests
{
    private const string Category = "NetDsl.CSharp";

    private static readonly Regex Example = new("```csharp\n(?<source>(?:(?!```).)*?)```\n\n```text\n(?<output>(?:(?!```).)*?)```", RegexOptions.Singleline);

    private static string Path => System.IO.Path.Combine(Infrastructure.Examples.RepositoryRoot, "docs", "diagnostics-csharp.md");

    private static string Document => File.ReadAllText(Path).Replace("\r\n", "\n");

    private static IEnumerable<DslDescriptor> Documented => DiagnosticCatalog.All.Where(d => d.Category == Category);

    private static Dictionary<string, string> Sections() =>
        Regex.Split(Document, "^## ", RegexOptions.Multiline).Skip(1)
            .Select(part => (Heading: part.Substring(0, part.IndexOf('\n')), Body: part.Substring(part.IndexOf('\n'))))
            .Where(part => Regex.IsMatch(part.Heading, "^ND\\d{4}$"))
            .ToDictionary(part => part.Heading, part => part.Body);

    [Fact]
    public void Every_csharp_id_has_exactly_one_section_and_there_are_no_others()
    {
        var headings = Regex.Matches(Document, "^## (ND\\d+)\\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(Documented.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal), headings.OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(headings.Distinct().Count(), headings.Count);
    }

    [Fact]
    public void Each_section_gives_the_catalog_title_and_severity()
    {
        var sections = Sections();
        foreach (var descriptor in Documented)
        {
            Assert.Equal($"**{descriptor.Title}** · {descriptor.Severity.ToString().ToLowerInvariant()}", sections[descriptor.Id].Trim().Split('\n')[0]);
        }
    }

    [Fact]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void Each_example_gives_exactly_the_output_shown()
    {
        var accept = Snapshot.AcceptFromEnvironment;
        var document = Document;
        var failures = new List<string>();
        foreach (var (id, section) in Sections())
        {
            var example = Example.Match(section);
            Assert.True(example.Success, $"{id} has no C# example followed by its output");
            var run = GeneratorHarness.Run(
                Array.Empty<AdditionalText>(),
                rootNamespace: "MyApp",
                trees: new[] { CSharpSyntaxTree.ParseText(example.Groups["source"].Value, GeneratorHarness.ParseOptions, "Model.cs") });
            var reported = run.Diagnostics.Where(d => !d.IsSuppressed)
                .OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
            Assert.True(reported.Count > 0 && reported[0].Id == id, $"the example of {id} reports {string.Join(", ", reported.Select(d => d.Id))}");
            var actual = string.Join("\n", reported.Select(d => d.ToString())) + "\n";
            if (actual == example.Groups["output"].Value) continue;
            failures.Add($"{id}:\n  shown:  {example.Groups["output"].Value.TrimEnd()}\n  actual: {actual.TrimEnd()}");
            if (accept) document = document.Replace(example.Value, example.Value.Replace("```text\n" + example.Groups["output"].Value, "```text\n" + actual));
        }
        if (accept && failures.Count > 0) File.WriteAllText(Path, document);
        Assert.True(failures.Count == 0 || accept, string.Join("\n", failures));
    }
}
