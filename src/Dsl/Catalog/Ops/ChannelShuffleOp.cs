using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>x.channel_shuffle(groups)</c>: ShuffleNet's channel shuffle (torchvision's <c>channel_shuffle</c> function,
/// nn.ChannelShuffle): channel g * (C / groups) + i moves to i * groups + g. A function only, as torchvision calls it.
/// </summary>
public sealed partial class ChannelShuffleOp : OpDefinition
{
    public ChannelShuffleOp()
    {
        Forms = OpForms.Function;
        TakesIds = true;
        OutputKind = null;
    }

    public override string Name => "channel_shuffle";

    public override string Summary => "interleaves the channels of a [C, H, W] map from groups of C / groups (ShuffleNet v2: x.channel_shuffle(2)); a function";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("groups") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.ChannelShuffle(input, a.Int("groups"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.ChannelShuffle({c.Input}, {c["groups"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"nn.ChannelShuffle({c["groups"]})";
}
