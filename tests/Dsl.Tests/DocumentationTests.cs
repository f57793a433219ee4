using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NetDsl.Diagnostics;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// docs/diagnostics.md stays true: a section per catalog ID (anchor <c>#ndxxxx</c>) with the catalog's title and
/// severity, and an example whose shown output is exactly what the compiler reports for it. To accept new output
/// after a deliberate message change, review it and run <c>NETDSL_ACCEPT=1 dotnet test tests/Dsl.Tests</c>.
/// </summary>
public sealed class DocumentationTests
{
    private static readonly Regex Example = new("```\n(?<source>(?:(?!```).)*?)```\n\n```text\n(?<output>(?:(?!```).)*?)```", RegexOptions.Singleline);

    /// <summary>
    /// IDs whose section has no example: ND0203 is never reported, ND0216 only at run time, ND0120 needs 1,001
    /// declarations (its abridged example is checked by CompilePlanTests), ND0121 2,001 statements and ND0123 8,001 (DiagnosticTests
    /// checks both), ND9999 is a crash of the tool.
    /// </summary>
    private static readonly HashSet<string> WithoutExample = new() { "ND0120", "ND0121", "ND0123", "ND0203", "ND0216", "ND9999" };

    private static string Document => File.ReadAllText(RepositoryPaths.DiagnosticsDoc).Replace("\r\n", "\n");

    /// <summary>The IDs this page documents: the C# front-end's (ND03xx, category NetDsl.CSharp) are in docs/diagnostics-csharp.md, checked by tests/Generator.Tests.</summary>
    private static IEnumerable<DslDescriptor> Documented => DiagnosticCatalog.All.Where(d => d.Category != "NetDsl.CSharp");

    private static Dictionary<string, string> Sections()
    {
        var sections = new Dictionary<string, string>();
        foreach (var part in Regex.Split(Document, "^## ", RegexOptions.Multiline).Skip(1))
        {
            var heading = part.Substring(0, part.IndexOf('\n'));
            if (Regex.IsMatch(heading, "^ND\\d{4}$")) sections.Add(heading, part.Substring(heading.Length));
        }
        return sections;
    }

    [Fact]
    public void Every_catalog_id_has_exactly_one_section_and_there_are_no_others()
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
            var first = sections[descriptor.Id].Trim().Split('\n')[0];
            Assert.Equal($"**{descriptor.Title}** · {descriptor.Severity.ToString().ToLowerInvariant()}", first);
        }
    }

    [Fact]
    public void Each_example_gives_exactly_the_output_shown()
    {
        var accept = Environment.GetEnvironmentVariable("NETDSL_ACCEPT") == "1";
        var document = Document;
        var failures = new List<string>();
        foreach (var (id, section) in Sections())
        {
            var examples = Example.Matches(section).Cast<Match>().ToList();
            if (WithoutExample.Contains(id))
            {
                Assert.False(examples.Count > 0, $"{id} is documented without an example");
                continue;
            }
            Assert.True(examples.Count > 0, $"{id} has no example followed by its output");
            // Every example of the section, the first and those of each case after it.
            foreach (var example in examples)
            {
                var result = TestCompiler.Compile(example.Groups["source"].Value);
                Assert.True(result.Diagnostics.Count > 0 && result.Diagnostics[0].Id == id, $"an example of {id} reports {string.Join(", ", result.Ids)}");
                var actual = string.Join("\n", result.Diagnostics.Select(d => d.ToString())) + "\n";
                if (actual == example.Groups["output"].Value) continue;
                failures.Add($"{id}:\n  shown:  {example.Groups["output"].Value.TrimEnd()}\n  actual: {actual.TrimEnd()}");
                if (accept) document = document.Replace(example.Value, example.Value.Replace("```text\n" + example.Groups["output"].Value, "```text\n" + actual));
            }
        }
        if (accept && failures.Count > 0) File.WriteAllText(RepositoryPaths.DiagnosticsDoc, document);
        Assert.True(failures.Count == 0 || accept, string.Join("\n", failures));
    }

    [Fact]
    public void Examples_are_complete_files_and_show_the_severity()
    {
        foreach (var (id, section) in Sections().Where(s => !WithoutExample.Contains(s.Key)))
        {
            var example = Example.Match(section);
            Assert.Matches("(?m)^(network|block) ", example.Groups["source"].Value);
            var severity = DiagnosticCatalog.All.Single(d => d.Id == id).Severity.ToString().ToLowerInvariant();
            Assert.Contains($": {severity} {id}: ", example.Groups["output"].Value);
        }
    }
}
