namespace NetDsl;

/// <summary>
/// One line of a network's summary: a layer (or a merge), its op with the arguments its call wrote evaluated for this
/// application (<c>conv(32, 3, stride: 2)</c>; docs/language.md, "Summaries"), its output shape, its parameters and
/// buffers, and its multiply-accumulates for one sample (torchvision's convention: convolutions, fully connected layers and attention's
/// matrix products; 0 for every other op).
/// </summary>
public sealed record LayerInfo(string Path, string Op, Shape Output, long Parameters, long Buffers, long MultiplyAccumulates = 0);
