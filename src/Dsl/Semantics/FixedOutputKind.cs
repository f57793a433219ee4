namespace NetDsl.Semantics;

/// <summary>An output kind that no argument changes.</summary>
internal sealed record FixedOutputKind(OutputKind Kind) : OutputKindSource;
