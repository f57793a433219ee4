using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NetDsl.Catalog;

namespace NetDsl.LanguageServer.Benchmarks;

/// <summary>
/// Draws what an editor would show for the zoo's InceptionV4.net from the server's real answers (inlay hints and
/// hovers, requested over JSON-RPC): an HTML page for headless Chromium to photograph for docs/editor.md. VS Code
/// itself cannot be installed here; the page imitates its dark theme, nothing in it is typed by hand.
/// </summary>
public static class ScreenshotPage
{
    public static async Task Write(string output)
    {
        await using var editor = await Editor.Open("InceptionV4.net");
        var hints = (await editor.InlayHints()).EnumerateArray()
            .ToDictionary(h => h.GetProperty("position").GetProperty("line").GetInt32(), h => h.GetProperty("label").GetString()!);
        var lines = editor.Text.Split('\n');

        var network = editor.Find("  ReductionA(192", offset: 4);
        var networkHover = await editor.At("textDocument/hover", network.Line, network.Character);
        var inside = editor.Find("ConvBn(m, 3, stride: 2, valid: true)", offset: 2);
        var blockHover = await editor.At("textDocument/hover", inside.Line, inside.Character);

        var page = new StringBuilder();
        page.Append("<!doctype html><html><head><meta charset='utf-8'><style>").Append(Style).Append("</style></head><body>");
        Panel(page, "InceptionV4.net — network InceptionV4: a shape at the end of every line, and the hover of a block call", lines, hints,
            Index(lines, "network InceptionV4(classes = 1000) {"), Index(lines, "network InceptionV4(classes = 1000) {") + 10, network.Line, networkHover);
        Panel(page, "InceptionV4.net — inside block ReductionA: the first call's shapes, and the hover listing both calls", lines, hints,
            Index(lines, "# Figure 7: 35 -> 17 reduction with filter counts k, l, m, n (table 1)."), Index(lines, "# Figure 7: 35 -> 17 reduction with filter counts k, l, m, n (table 1).") + 5, inside.Line, blockHover);
        page.Append("</body></html>");
        File.WriteAllText(output, page.ToString());
    }

    private static int Index(string[] lines, string line) => Array.IndexOf(lines, line);

    private static void Panel(StringBuilder page, string title, string[] lines, Dictionary<int, string> hints, int first, int last, int hovered, JsonElement hover)
    {
        page.Append("<div class='panel'><div class='title'>").Append(WebUtility.HtmlEncode(title)).Append("</div><div class='code'>");
        for (var line = first; line <= last && line < lines.Length; line++)
        {
            page.Append("<div class='line'><span class='number'>").Append(line + 1).Append("</span>").Append(Highlight(lines[line]));
            if (hints.TryGetValue(line, out var hint)) page.Append("<span class='hint'>").Append(WebUtility.HtmlEncode(hint)).Append("</span>");
            page.Append("</div>");
            if (line == hovered)
                page.Append("<div class='hover'>").Append(Markdown(hover.GetProperty("contents").GetProperty("value").GetString()!)).Append("</div>");
        }
        page.Append("</div></div>");
    }

    private static readonly HashSet<string> Keywords = new() { "network", "block", "input", "if", "else", "parallel", "and", "or", "not", "true", "false" };

    /// <summary>Colours a line as the extension's grammar scopes it: comments, keywords, ops, blocks, numbers.</summary>
    private static string Highlight(string line)
    {
        var comment = line.IndexOf('#');
        var code = comment < 0 ? line : line.Substring(0, comment);
        var html = Regex.Replace(WebUtility.HtmlEncode(code), @"\b([A-Za-z_][A-Za-z0-9_]*)\b|\b(\d[\d_.]*)\b|(\|&gt;)", match =>
        {
            if (match.Groups[3].Success) return "<span class='pipe'>" + match.Value + "</span>";
            if (match.Groups[2].Success) return "<span class='num'>" + match.Value + "</span>";
            var word = match.Groups[1].Value;
            if (Keywords.Contains(word)) return "<span class='kw'>" + word + "</span>";
            if (OpCatalog.Find(word) is not null || word is "concat" or "add" or "mul") return "<span class='op'>" + word + "</span>";
            if (char.IsUpper(word[0])) return "<span class='block'>" + word + "</span>";
            return word;
        });
        if (comment >= 0) html += "<span class='comment'>" + WebUtility.HtmlEncode(line.Substring(comment)) + "</span>";
        return html;
    }

    /// <summary>The little markdown hovers use: a code fence, paragraphs, bold, code spans, tables.</summary>
    private static string Markdown(string markdown)
    {
        var html = new StringBuilder();
        var lines = markdown.Replace("\r", "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++) code.Add(lines[i]);
                html.Append("<pre>").Append(string.Join("\n", code.Select(Highlight))).Append("</pre>");
            }
            else if (line.StartsWith("|", StringComparison.Ordinal))
            {
                html.Append("<table>");
                for (; i < lines.Length && lines[i].StartsWith("|", StringComparison.Ordinal); i++)
                {
                    if (lines[i].Contains("---", StringComparison.Ordinal)) continue;
                    var cells = lines[i].Trim('|').Split('|').Select(c => Inline(c.Trim()));
                    html.Append("<tr><td>").Append(string.Join("</td><td>", cells)).Append("</td></tr>");
                }
                i--;
                html.Append("</table>");
            }
            else if (line.Length > 0) html.Append("<p>").Append(Inline(line)).Append("</p>");
        }
        return html.ToString();
    }

    private static string Inline(string text)
    {
        var html = WebUtility.HtmlEncode(text);
        html = Regex.Replace(html, @"\*\*(.+?)\*\*", "<b>$1</b>");
        return Regex.Replace(html, "`(.+?)`", "<code>$1</code>");
    }

    private const string Style = """
        body { background: #1e1e1e; margin: 0; padding: 16px; font-family: 'DejaVu Sans', sans-serif; }
        .panel { margin-bottom: 18px; border: 1px solid #333; width: 1180px; }
        .title { background: #2d2d2d; color: #ccc; font-size: 13px; padding: 6px 10px; }
        .code { font-family: 'DejaVu Sans Mono', monospace; font-size: 14px; color: #d4d4d4; padding: 8px 0; }
        .line { white-space: pre; line-height: 21px; }
        .number { display: inline-block; width: 44px; color: #6e7681; text-align: right; margin-right: 18px; }
        .hint { color: #8b949e; background: #2a2d2e; border-radius: 3px; margin-left: 10px; padding: 0 5px; font-style: italic; }
        .kw { color: #c586c0; } .op { color: #dcdcaa; } .block { color: #4ec9b0; } .num { color: #b5cea8; }
        .comment { color: #6a9955; } .pipe { color: #d4d4d4; font-weight: bold; }
        .hover { margin: 2px 0 6px 62px; background: #252526; border: 1px solid #454545; color: #ccc; padding: 4px 12px;
                 width: 640px; font-family: 'DejaVu Sans', sans-serif; font-size: 13px; white-space: normal; box-shadow: 0 2px 8px #000; }
        .hover pre { font-family: 'DejaVu Sans Mono', monospace; background: #1e1e1e; padding: 6px; margin: 6px 0; }
        .hover code { font-family: 'DejaVu Sans Mono', monospace; color: #ce9178; }
        .hover table { border-collapse: collapse; margin: 4px 0; } .hover td { border: 1px solid #3c3c3c; padding: 2px 8px; }
        .hover p { margin: 6px 0; }
        """;
}
