using System.Collections.Generic;
using NetDsl.Collections;

namespace NetDsl.Diagnostics;

/// <summary>Collects diagnostics in report order. Caps the count so a pathological input cannot flood the build.</summary>
public sealed class DiagnosticBag
{
    public const int Limit = 500;

    private readonly List<DslDiagnostic> _items = new();
    private readonly HashSet<(string, int, string)> _seen = new();

    public IReadOnlyList<DslDiagnostic> Items => _items;

    public bool HasErrors { get; private set; }

    public void Report(DslDescriptor descriptor, SourceSpan span, string message) =>
        Report(descriptor, span, message, EquatableArray<SourceSpan>.Empty);

    public void Report(DslDescriptor descriptor, SourceSpan span, string message, EquatableArray<SourceSpan> additional)
    {
        if (descriptor.Severity == DslSeverity.Error) HasErrors = true;
        // A block instantiated many times reports each problem once per location and message.
        if (!_seen.Add((span.Path, span.Start, descriptor.Id + message))) return;
        if (_items.Count >= Limit) return;
        _items.Add(new DslDiagnostic(descriptor, message, span, additional));
    }
}
