using System.Linq;
using NetDsl.Collections;

namespace NetDsl.Syntax;

/// <summary>What a quoted label says: its text, and its parts when it is a template (<c>"layer{i + 1}"</c>).</summary>
public readonly record struct QuotedLabel(string Text, EquatableArray<LabelPartSyntax>? Template)
{
    /// <summary>The literal text, a template's expressions left out: what <see cref="Labels.Problem"/> checks.</summary>
    public string Literal => Template is { } parts ? string.Concat(parts.Where(p => p.Text is not null).Select(p => p.Text)) : Text;
}
