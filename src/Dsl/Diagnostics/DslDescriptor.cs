namespace NetDsl.Diagnostics;

/// <summary>One NetDsl diagnostic kind: a stable ID, a category and a default severity.</summary>
public sealed record DslDescriptor(string Id, string Title, string Category, DslSeverity Severity)
{
    public const string HelpBase = "https://github.com/netdsl/netdsl/blob/main/docs/diagnostics.md#";

    public string HelpLink => HelpBase + Id.ToLowerInvariant();
}
