namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>MarkupContent</c> (kind <c>markdown</c> or <c>plaintext</c>).</summary>
public sealed record MarkupContent(string Kind, string Value)
{
    public static MarkupContent Markdown(string value) => new("markdown", value);
}
