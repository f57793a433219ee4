namespace NetDsl.Analysis;

/// <summary>
/// What a <see cref="ShapedSite"/> is for one call: in network <see cref="Network"/>, at the child path
/// <see cref="Path"/> (the state_dict prefix; a repetition's first copy, with <see cref="Copies"/> copies).
/// </summary>
/// <param name="Output">The output shape; null for a number, or where the check stopped before it.</param>
/// <param name="Parameters">Trainable parameters of the layer or group (everything inside a block); null for values.</param>
/// <param name="Number">The value of a number or parameter, as the language prints it.</param>
/// <param name="Absent">A conditional layer (<c>relu if pre_relu</c>) whose condition does not hold for this call.</param>
/// <param name="MultiplyAccumulates">
/// Multiply-accumulates of the layer for one sample (everything inside a block; every copy of a repetition), as the op
/// catalog counts them; null for values, merges and functions.
/// </param>
/// <param name="Op">
/// An op layer as this call applies it, its arguments evaluated, as its summary row shows it (<c>conv(32, 3, stride: 2)</c>;
/// a repetition whose copies differ: <c>first … last</c>); null for blocks, values, merges and functions.
/// </param>
public sealed record SiteShape(string Network, string Path, Shape? Output, long? Parameters, string? Number, bool Absent = false, int Copies = 1, long? MultiplyAccumulates = null, string? Op = null)
{
    /// <summary>Where this call is, for people: the network and the path, e.g. <c>ResNet50 › layer1.0</c>.</summary>
    public string Call => Path.Length == 0 ? Network : Network + " › " + Path;
}
