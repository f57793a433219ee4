using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NetDsl.Diagnostics;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// src/Generator/AnalyzerReleases.*.md track every ID the generator can report, as Roslyn's release tracking expects:
/// the descriptors are built at run time from the language's catalog, so the analyzer that usually checks these files
/// cannot see them and this test does instead. After adding an ID, run <c>NETDSL_ACCEPT=1 dotnet test tests/Generator.Tests</c>.
/// </summary>
public sealed class AnalyzerReleasesTests
{
    private static readonly Regex Row = new(@"^(ND\d{4})\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*(.*?)\s*$", RegexOptions.Multiline);

    private static string PathOf(string release) => Path.Combine(Examples.RepositoryRoot, "src", "Generator", $"AnalyzerReleases.{release}.md");

    private static string Expected(string release) => File.ReadAllText(PathOf(release)).Replace("\r\n", "\n") is var text
        ? text.Substring(0, text.IndexOf("Rule ID |", StringComparison.Ordinal)) + Table()
        : throw new InvalidOperationException();

    /// <summary>The table of new rules: every catalog descriptor, by ID.</summary>
    private static string Table()
    {
        var table = new StringBuilder("Rule ID | Category | Severity | Notes\n--------|----------|----------|-------\n");
        foreach (var descriptor in DiagnosticCatalog.All.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            table.Append($"{descriptor.Id} | {descriptor.Category} | {descriptor.Severity} | {descriptor.Title}\n");
        }
        return table.ToString();
    }

    [Fact]
    public void The_unshipped_release_lists_every_catalog_id_with_its_category_severity_and_title()
    {
        var actual = File.ReadAllText(PathOf("Unshipped")).Replace("\r\n", "\n");
        var expected = Expected("Unshipped");
        if (actual != expected && Snapshot.AcceptFromEnvironment) File.WriteAllText(PathOf("Unshipped"), expected);
        else Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_generators_own_descriptor_is_the_catalogs()
    {
        var descriptor = GeneratorDescriptors.InternalError;

        Assert.Equal(DiagnosticCatalog.InternalError.Id, descriptor.Id);
        Assert.Equal(DiagnosticCatalog.InternalError.Category, descriptor.Category);
        Assert.Equal(DiagnosticCatalog.InternalError.Title, descriptor.Title.ToString());
    }

    [Fact]
    public void No_id_is_both_shipped_and_unshipped()
    {
        var shipped = Row.Matches(File.ReadAllText(PathOf("Shipped"))).Select(m => m.Groups[1].Value);
        var unshipped = Row.Matches(File.ReadAllText(PathOf("Unshipped"))).Select(m => m.Groups[1].Value);

        Assert.Empty(shipped.Intersect(unshipped));
    }
}
