namespace NetDsl;

/// <summary>One line of a network's compile-time summary: a layer (or a merge), its output shape and its parameters.</summary>
public sealed record LayerInfo(string Path, string Op, Shape Output, long Parameters, long Buffers);
