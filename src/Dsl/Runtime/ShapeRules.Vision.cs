using System.Globalization;

namespace NetDsl;

// The ops of the vision networks after 2018: stochastic depth (EfficientNet, ConvNeXt, Swin), channel shuffle
// (ShuffleNet v2), Swin's shifted-window attention.
public static partial class ShapeRules
{
    /// <summary>The most tokens a window of <c>window_attention</c> holds (64 x 64): its index table has tokens² entries, 16.7 million at most.</summary>
    public const long MaxWindowTokens = 4096;

    /// <summary><c>stochastic_depth(p)</c>: any value, kept as it is; p is a probability from 0 to 1 (torchvision's check).</summary>
    public static ShapeResult StochasticDepth(Shape input, double p, string op, string path) =>
        p >= 0 && p <= 1 ? input : Invalid(op, path, $"needs a drop probability 0 <= p <= 1, got {p.ToString(CultureInfo.InvariantCulture)}");

    /// <summary><c>x.channel_shuffle(groups)</c>: a map <c>[C, H, W]</c> whose channels the groups divide; the shape is kept.</summary>
    public static ShapeResult ChannelShuffle(Shape input, long groups, string op, string path)
    {
        if (Spatial(input, op, path) is { } notSpatial) return notSpatial;
        if (groups <= 0) return Invalid(op, path, $"needs groups >= 1, got {groups}");
        if (input.Channels % groups != 0)
        {
            return new ShapeError("ND0205",
                $"{op} at '{path}' has groups = {groups}, which must divide its input channels ({input.Channels}, input {input}); use a divisor of {input.Channels}");
        }
        return input;
    }

    /// <summary>
    /// <c>window_attention(heads, window, shift)</c>: a channels-last value <c>[H, W, C]</c> (any H and W: the op pads them
    /// to multiples of the window), kept as it is. The heads divide C; a shift lies in 0 to window - 1 (Swin: window / 2).
    /// </summary>
    public static ShapeResult WindowAttention(Shape input, long heads, long windowH, long windowW, long shiftH, long shiftW, double attentionDropout, double dropout, string op, string path)
    {
        if (input.Rank != 3 || input.IsMap)
        {
            var why = input.Rank != 3
                ? $"receives {input}, which has {input.Rank} axes"
                : $"receives {input}, read as a map [C, H, W] with its channels first";
            return new ShapeError("ND0231",
                $"{op} at '{path}' needs a channels-last [H, W, C] input but {why}; Swin's blocks hold [H, W, C]: permute(1, 2, 0) after the patch embedding conv");
        }
        if (Fixed(input, 2, op, path, "its channels (the last axis) size the projections") is { } symbolic) return symbolic;
        if (heads <= 0) return Invalid(op, path, $"needs at least 1 head, got {heads}");
        if (windowH <= 0 || windowW <= 0) return Invalid(op, path, $"needs a window of at least 1x1, got {windowH}x{windowW}");
        if (windowH > MaxWindowTokens || windowW > MaxWindowTokens || windowH * windowW > MaxWindowTokens)
            return Invalid(op, path, $"has a {windowH}x{windowW} window, more than {MaxWindowTokens:N0} tokens: its relative_position_index would hold (tokens)² entries; Swin uses 7x7 to 24x24");
        if (shiftH < 0 || shiftW < 0 || shiftH >= windowH || shiftW >= windowW)
            return Invalid(op, path, $"shifts by ({shiftH}, {shiftW}) but a {windowH}x{windowW} window allows shifts from 0 to ({windowH - 1}, {windowW - 1}); Swin shifts by half the window");
        if (attentionDropout < 0 || attentionDropout >= 1 || dropout < 0 || dropout >= 1)
            return Invalid(op, path, $"needs dropout probabilities 0 <= p < 1, got attention_dropout: {attentionDropout.ToString(CultureInfo.InvariantCulture)} and dropout: {dropout.ToString(CultureInfo.InvariantCulture)}");
        var channels = input.Features;
        if (channels % heads != 0)
        {
            return new ShapeError("ND0230",
                $"{op} at '{path}' splits {channels} channels (input {input}) into {heads} heads, which do not divide them; use a number of heads that divides {channels} (Swin-T: 3, 6, 12, 24 heads for 96, 192, 384, 768 channels)");
        }
        return input;
    }
}
