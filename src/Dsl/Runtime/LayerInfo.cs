namespace NetDsl;

/// <summary>
/// One line of a network's compile-time summary: a layer (or a merge), its output shape, its parameters and buffers, and
/// its multiply-accumulates for one sample (torchvision's convention: convolutions, fully connected layers and attention's
/// matrix products; 0 for every other op).
/// </summary>
public sealed record LayerInfo(string Path, string Op, Shape Output, long Parameters, long Buffers, long MultiplyAccumulates = 0);
