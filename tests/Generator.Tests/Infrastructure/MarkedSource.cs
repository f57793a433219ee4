using System;
using Microsoft.CodeAnalysis.Text;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>Source with the expected span of a diagnostic marked <c>[|...|]</c>: the text without the marks and the span.</summary>
public sealed record MarkedSource(string Text, TextSpan Span)
{
    public static MarkedSource Parse(string marked)
    {
        var start = marked.IndexOf("[|", StringComparison.Ordinal);
        var end = marked.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start) throw new ArgumentException("mark the expected span with [|...|]", nameof(marked));
        var text = marked.Remove(end, 2).Remove(start, 2);
        return new MarkedSource(text, new TextSpan(start, end - start - 2));
    }
}
