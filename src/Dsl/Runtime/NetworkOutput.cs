namespace NetDsl;

/// <summary>One output of a network: its name, what it holds and the shape of one sample of it (batch excluded).</summary>
public sealed record NetworkOutput(string Name, OutputKind Kind, Shape Shape);
