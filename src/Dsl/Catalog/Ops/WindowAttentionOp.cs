using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>window_attention(heads, window, shift: 0, qkv_bias: true, proj_bias: true, attention_dropout: 0.0, dropout: 0.0)</c>:
/// Swin's (shifted) window multi-head self-attention on a channels-last <c>[H, W, C]</c> value, torchvision 0.14's
/// ShiftedWindowAttention with its state_dict.
/// </summary>
public sealed partial class WindowAttentionOp : OpDefinition
{
    public override string Name => "window_attention";

    public override string Summary => "Swin's shifted-window self-attention on [H, W, C] (torchvision's ShiftedWindowAttention): heads, window (int or (h, w)), shift; keys relative_position_bias_table, relative_position_index, qkv.*, proj.*";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[]
    {
        Args.Int("heads"), Args.Pair("window"), Args.Pair("shift", 0), Args.Bool("qkv_bias", true), Args.Bool("proj_bias", true),
        Args.Float("attention_dropout", 0.0), Args.Float("dropout", 0.0),
    };

    public override ShapeResult Infer(OpArguments a, Shape input, string path)
    {
        var (wh, ww) = a.Pair("window");
        var (sh, sw) = a.Pair("shift");
        return ShapeRules.WindowAttention(input, a.Int("heads"), wh, ww, sh, sw, a.Float("attention_dropout"), a.Float("dropout"), Name, path);
    }

    /// <summary>
    /// The bias table ((2 Wh - 1)(2 Ww - 1) x heads), qkv (3C x C and 3C) and proj (C x C and C) train. The index of
    /// the table, (Wh Ww)² integers, is a buffer in the state_dict but, like batch norm's num_batches_tracked, integer
    /// bookkeeping: the non-trainable count holds values (statistics), as Keras' does.
    /// </summary>
    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output)
    {
        var (wh, ww) = a.Pair("window");
        var channels = input.Features;
        var table = checked((2 * wh - 1) * (2 * ww - 1) * a.Int("heads"));
        var qkv = checked(3 * channels * channels + (a.Bool("qkv_bias") ? 3 * channels : 0));
        var proj = checked(channels * channels + (a.Bool("proj_bias") ? channels : 0));
        return new ParameterCount(checked(table + qkv + proj), 0);
    }

    /// <summary>
    /// On the map padded to whole windows, as torchvision pads it: qkv (3C per token) and proj (C per token) over C inputs,
    /// and in each window of N = Wh x Ww tokens the two matrix products q·kᵀ and weights·v, N x N x C each.
    /// </summary>
    public override long CountMultiplyAccumulates(OpArguments a, Shape input, Shape output)
    {
        var (wh, ww) = a.Pair("window");
        var channels = input.Features;
        var tokens = checked(RoundUp(input[0], wh) * RoundUp(input[1], ww));
        var projections = checked(tokens * channels * 4 * channels);
        return checked(projections + 2 * tokens * wh * ww * channels);
    }

    private static long RoundUp(long size, long window) => checked((size + window - 1) / window * window);

    public override IReadOnlyList<string> StateKeys(OpArguments a)
    {
        var keys = new List<string> { "relative_position_bias_table", "relative_position_index", "qkv.weight" };
        if (a.Bool("qkv_bias")) keys.Add("qkv.bias");
        keys.Add("proj.weight");
        if (a.Bool("proj_bias")) keys.Add("proj.bias");
        return keys;
    }

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.WindowAttention({c.Input}, {c["heads"]}, {c.Pair("window").H}, {c.Pair("window").W}, {c.Pair("shift").H}, {c.Pair("shift").W}, {c["attention_dropout"]}, {c["dropout"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) =>
        $"NetDslLayers.WindowAttention({c.Input}, {c["heads"]}, {c["window"]}, {c["shift"]}, qkvBias: {c["qkv_bias"]}, projBias: {c["proj_bias"]}, attentionDropout: {c["attention_dropout"]}, dropout: {c["dropout"]})";
}
