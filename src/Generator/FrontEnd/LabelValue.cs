using NetDsl.Collections;
using NetDsl.Syntax;

namespace NetDsl.Generator.FrontEnd;

/// <summary>A label read from <c>[Label("...")]</c> or <c>Label = "..."</c>, as the <c>.net</c> label it spells (see <see cref="ArgumentReader.ReadLabel"/>).</summary>
internal sealed record LabelValue(string Text, TextRange Range, bool Quoted, EquatableArray<LabelPartSyntax>? Template)
{
    /// <summary><paramref name="value"/> labelled as a <c>.net</c> file labels it: <c>label: value</c>.</summary>
    public LabeledSyntax Label(ExpressionSyntax value, TextRange range) => new(Text, Range, value, range) { Quoted = Quoted, Template = Template };
}
