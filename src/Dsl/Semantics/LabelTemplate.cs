using NetDsl.Collections;

namespace NetDsl.Semantics;

/// <summary>
/// The names of a repetition's copies, as children of the enclosing scope: literal text and integer expressions of the
/// copy's index (<see cref="IndexScalar"/>) and the parameters. <c>"encoder_layer_{i}"</c> names the copies
/// <c>encoder_layer_0</c>, <c>encoder_layer_1</c>, ...; <c>denselayer*</c> is <c>"denselayer{i + 1}"</c>.
/// </summary>
public sealed record LabelTemplate(EquatableArray<LabelPart> Parts)
{
    /// <summary>The literal text before the first expression (<c>encoder_layer_</c>), for field names and messages.</summary>
    public string Prefix => Parts.Count > 0 && Parts[0].Text is { } text ? text : "";
}
