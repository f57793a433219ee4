using System.Collections.Generic;
using System.Linq;

namespace NetDsl.LanguageServer;

/// <summary>Whether two published diagnostics say the same (records compare their arrays by reference).</summary>
internal sealed class DiagnosticComparer : IEqualityComparer<Protocol.Diagnostic>
{
    public static readonly DiagnosticComparer Instance = new();

    public bool Equals(Protocol.Diagnostic? x, Protocol.Diagnostic? y) =>
        x is not null && y is not null && x with { RelatedInformation = y.RelatedInformation } == y && x.RelatedInformation.SequenceEqual(y.RelatedInformation);

    public int GetHashCode(Protocol.Diagnostic obj) => obj.Message.GetHashCode();
}
