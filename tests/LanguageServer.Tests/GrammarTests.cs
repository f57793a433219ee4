using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetDsl.Catalog;
using NetDsl.Diagnostics;
using NetDsl.Syntax;
using Xunit;

namespace NetDsl.LanguageServerTests;

/// <summary>The TextMate grammar of the VS Code extension names what the language has: every op of the catalog, every keyword of the lexer.</summary>
public sealed class GrammarTests
{
    private static JsonElement Repository()
    {
        var path = Path.Combine(TestWorkspace.Repository, "src", "VsCodeExtension", "syntaxes", "netdsl.tmLanguage.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("repository");
    }

    private static string[] Words(string match) =>
        Regex.Match(match, @"\\b\(?([a-z0-9_|]+)\)?\\b").Groups[1].Value.Split('|');

    [Fact]
    public void The_grammar_highlights_exactly_the_catalog_ops() =>
        Assert.Equal(OpCatalog.Names.OrderBy(n => n), Words(Repository().GetProperty("op").GetProperty("match").GetString()!).OrderBy(n => n));

    [Fact]
    public void The_grammar_names_exactly_the_keywords_of_the_lexer()
    {
        var keywords = Repository().GetProperty("keyword").GetProperty("patterns").EnumerateArray()
            .SelectMany(p => Words(p.GetProperty("match").GetString()!)).Concat(new[] { "network", "block", "true", "false" }).ToList();
        foreach (var keyword in keywords)
        {
            var token = new Lexer(new SourceText("", keyword), new DiagnosticBag()).Tokenize()[0];
            Assert.NotEqual(TokenKind.Identifier, token.Kind);
        }
        Assert.Equal(Lexer.KeywordNames.OrderBy(k => k), keywords.OrderBy(k => k));
    }
}
