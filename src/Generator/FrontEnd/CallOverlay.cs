namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// Where the compiler reads the <c>.net</c> spelling of a layer attribute. A layer's text (shown in summaries and
/// comments, e.g. <c>conv(32, 3, padding: 1)</c>) is the unit text at its call's range, so the front-end writes that
/// spelling over the attribute (<c>Conv2d(32, 3, Padding = 1)</c>), from <see cref="Start"/> for <see cref="Length"/>
/// characters. A diagnostic the compiler reports at exactly that range is moved back to the whole attribute,
/// <see cref="SourceLength"/> characters.
/// </summary>
internal sealed record CallOverlay(int Start, int Length, int SourceLength, string Text);
