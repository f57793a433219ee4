using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NetDsl.Catalog;
using NetDsl.DslTests.Infrastructure;
using NetDsl.Syntax;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>docs/language.md lists what the compiler knows: every keyword, and every other library's name for an op with the NetDsl name it stands for.</summary>
public sealed class LanguageDocumentationTests
{
    private static string Document => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "language.md")).Replace("\r\n", "\n");

    [Fact]
    public void The_keywords_are_listed()
    {
        var line = Document.Split('\n').Single(l => l.StartsWith("`network` `block`", System.StringComparison.Ordinal));

        Assert.Equal(Lexer.KeywordNames.OrderBy(k => k, System.StringComparer.Ordinal), Regex.Matches(line, "`([a-z]+)`").Select(m => m.Groups[1].Value).OrderBy(k => k, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Every_alias_is_in_the_row_of_its_op()
    {
        var rows = Document.Split('\n').Where(l => l.StartsWith("| `", System.StringComparison.Ordinal) && l.Contains("| other names |") is false).ToList();
        foreach (var (alias, name) in OpAliases.All)
        {
            Assert.Contains(rows, row => row.Split('|')[1].Contains($"`{name}`") && row.Split('|')[2].Contains($"`{alias}`", System.StringComparison.OrdinalIgnoreCase));
        }
    }
}
