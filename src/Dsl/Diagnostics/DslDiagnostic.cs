using NetDsl.Collections;

namespace NetDsl.Diagnostics;

/// <summary>
/// A reported problem. <see cref="Span"/> is the offending token; <see cref="AdditionalSpans"/> are related places
/// (for a problem inside a block: the call sites that instantiated it, innermost first).
/// </summary>
public sealed record DslDiagnostic(DslDescriptor Descriptor, string Message, SourceSpan Span, EquatableArray<SourceSpan> AdditionalSpans)
{
    public string Id => Descriptor.Id;

    public DslSeverity Severity => Descriptor.Severity;

    public override string ToString() =>
        $"{Span}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
