using System;
using System.Linq;

namespace NetDsl;

/// <summary>
/// The shape rules of every op. The compile-time checker calls them with the declared values; generated
/// constructors call them with the values the user passes, so a run-time error reads like the build error.
/// <paramref name="path"/> arguments name the layer (<c>features.3.expand3x3</c>) in messages.
/// </summary>
public static partial class ShapeRules
{
    public static ShapeResult Conv2d(Shape input, long outChannels, long kernelH, long kernelW, long strideH, long strideW, Padding padding, long dilationH, long dilationW, long groups, string op, string path)
    {
        if (Spatial(input, op, path) is { } notSpatial) return notSpatial;
        if (outChannels <= 0) return Invalid(op, path, $"needs at least 1 output channel, got {outChannels}");
        if (groups <= 0) return Invalid(op, path, $"needs groups >= 1, got {groups}");
        if (input.Channels % groups != 0 || outChannels % groups != 0)
        {
            return new ShapeError("ND0205",
                $"{op} at '{path}' has groups = {groups}, which must divide both its input channels ({input.Channels}, input {input}) and its output channels ({outChannels}); use a divisor of both");
        }
        return Window(input, outChannels, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, ceil: false, op, path);
    }

    /// <summary>Depthwise (one filter per channel) then pointwise 1x1 to <paramref name="filters"/> channels.</summary>
    public static ShapeResult SeparableConv2d(Shape input, long filters, long kernelH, long kernelW, long strideH, long strideW, Padding padding, long dilationH, long dilationW, string op, string path)
    {
        if (Spatial(input, op, path) is { } notSpatial) return notSpatial;
        if (filters <= 0) return Invalid(op, path, $"needs at least 1 output channel, got {filters}");
        var depthwise = Window(input, input.Channels, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, ceil: false, op, path);
        if (!depthwise.Ok) return depthwise;
        return new ShapeResult(new Shape(filters, depthwise.Shape.Height, depthwise.Shape.Width), null, depthwise.Warning);
    }

    public static ShapeResult Pool2d(Shape input, long kernelH, long kernelW, long strideH, long strideW, Padding padding, bool ceil, string op, string path)
    {
        if (Spatial(input, op, path) is { } notSpatial) return notSpatial;
        if (padding.Mode == PaddingMode.Explicit && (padding.Height * 2 > kernelH || padding.Width * 2 > kernelW))
            return Invalid(op, path, $"pads by {padding} but a pooling window of {kernelH}x{kernelW} allows at most half its size");
        return Window(input, input.Channels, kernelH, kernelW, strideH, strideW, padding, 1, 1, ceil, op, path);
    }

    /// <summary>Padding that <c>same</c> or <c>valid</c> stands for on this input: TensorFlow's rule, extra row/column at the bottom/right.</summary>
    public static ResolvedPadding ResolvePadding(Padding padding, Shape input, long kernelH, long kernelW, long strideH, long strideW, long dilationH, long dilationW)
    {
        switch (padding.Mode)
        {
            case PaddingMode.Valid:
                return new ResolvedPadding(0, 0, 0, 0);
            case PaddingMode.Same:
                var (top, bottom) = SameAxis(input.Height, kernelH, strideH, dilationH);
                var (left, right) = SameAxis(input.Width, kernelW, strideW, dilationW);
                return new ResolvedPadding(top, bottom, left, right);
            default:
                return new ResolvedPadding(padding.Height, padding.Height, padding.Width, padding.Width);
        }
    }

    private static (long Before, long After) SameAxis(long size, long kernel, long stride, long dilation)
    {
        var output = (size + stride - 1) / stride;
        var total = Math.Max(0, checked((output - 1) * stride + (kernel - 1) * dilation + 1 - size));
        return (total / 2, total - total / 2);
    }

    private static ShapeResult Window(Shape input, long outChannels, long kernelH, long kernelW, long strideH, long strideW, Padding padding, long dilationH, long dilationW, bool ceil, string op, string path)
    {
        if (kernelH <= 0 || kernelW <= 0) return Invalid(op, path, $"needs a kernel of at least 1x1, got {kernelH}x{kernelW}");
        if (strideH <= 0 || strideW <= 0) return Invalid(op, path, $"needs a stride of at least 1, got ({strideH}, {strideW})");
        if (dilationH <= 0 || dilationW <= 0) return Invalid(op, path, $"needs a dilation of at least 1, got ({dilationH}, {dilationW})");
        if (padding.Mode == PaddingMode.Explicit && (padding.Height < 0 || padding.Width < 0)) return Invalid(op, path, $"needs padding >= 0, got {padding}");
        try
        {
            checked
            {
                var pad = ResolvePadding(padding, input, kernelH, kernelW, strideH, strideW, dilationH, dilationW);
                var spanH = dilationH * (kernelH - 1) + 1;
                var spanW = dilationW * (kernelW - 1) + 1;
                var paddedH = input.Height + pad.Top + pad.Bottom;
                var paddedW = input.Width + pad.Left + pad.Right;
                if (spanH > paddedH || spanW > paddedW)
                {
                    return new ShapeError("ND0204",
                        $"{op} at '{path}' has a {spanH}x{spanW} window but its input {input} is only {paddedH}x{paddedW} after padding; use a smaller kernel or stride earlier, more padding, or a larger input");
                }
                var outH = OutputSize(paddedH, spanH, strideH, ceil, input.Height + pad.Top);
                var outW = OutputSize(paddedW, spanW, strideW, ceil, input.Width + pad.Left);
                if (outH <= 0 || outW <= 0)
                    return new ShapeError("ND0203", $"{op} at '{path}' turns {input} into an empty {outH}x{outW} map; reduce the stride or kernel, or enlarge the input");
                var output = new Shape(outChannels, outH, outW);
                _ = output.ElementCount;
                // Real pixels past the last window: rows/columns of the input (not of its padding) no window reaches.
                // Only a window at least as large as its stride covers every pixel; smaller ones (1x1 stride 2) skip pixels by design.
                var droppedH = pad.Top + input.Height - 1 - ((outH - 1) * strideH + spanH - 1);
                var droppedW = pad.Left + input.Width - 1 - ((outW - 1) * strideW + spanW - 1);
                if (!ceil && padding.Mode != PaddingMode.Same && ((droppedH > 0 && spanH >= strideH) || (droppedW > 0 && spanW >= strideW)))
                {
                    var exactH = input.Height + (strideH - (paddedH - spanH) % strideH) % strideH;
                    var exactW = input.Width + (strideW - (paddedW - spanW) % strideW) % strideW;
                    return new ShapeResult(output, null, new ShapeError("ND0210",
                        $"{op} at '{path}' silently drops border pixels of its input {input}: its last window ends before the last {Math.Max(droppedH, 0)} row(s) and {Math.Max(droppedW, 0)} column(s); an input of {exactH}x{exactW} here, padding: same, or ceil: true (pools) covers them"));
                }
                return output;
            }
        }
        catch (OverflowException)
        {
            return Overflow(op, path, input);
        }
    }

    private static long OutputSize(long padded, long span, long stride, bool ceil, long lastStartLimit)
    {
        if (!ceil) return (padded - span) / stride + 1;
        var size = (padded - span + stride - 1) / stride + 1;
        // PyTorch's rule: the last window must start inside the input or the left padding.
        if ((size - 1) * stride >= lastStartLimit) size--;
        return size;
    }

    public static ShapeResult AdaptivePool2d(Shape input, long height, long width, string op, string path)
    {
        if (Spatial(input, op, path) is { } notSpatial) return notSpatial;
        if (height <= 0 || width <= 0) return Invalid(op, path, $"needs an output of at least 1x1, got {height}x{width}");
        return new Shape(input.Channels, height, width);
    }

    /// <summary>Global pooling returns a vector <c>[C]</c> (as Keras), ready for <c>linear</c>.</summary>
    public static ShapeResult GlobalPool(Shape input, string op, string path)
    {
        if (Spatial(input, op, path) is { } notSpatial) return notSpatial;
        return new Shape(input.Channels);
    }

    /// <summary>
    /// nn.Linear: maps the last axis, <c>[..., N]</c> to <c>[..., out]</c>; the axes before it are kept. A map
    /// <c>[C, H, W]</c> is refused: a classifier wants it flattened (after permute, <c>[H, W, C]</c>, it maps channels).
    /// </summary>
    public static ShapeResult Linear(Shape input, long outFeatures, long declaredIn, string op, string path)
    {
        if (input.IsMap)
        {
            return new ShapeError("ND0206",
                $"{op} expects a flat input but '{path}' receives {input}; insert 'flatten' (or 'global_avgpool') before it");
        }
        if (input.Rank == 0)
        {
            return new ShapeError("ND0206",
                $"{op} reads the last axis of its input but '{path}' receives {input}, a single number per sample; give it a vector");
        }
        if (outFeatures <= 0) return Invalid(op, path, $"needs at least 1 output feature, got {outFeatures}");
        if (Fixed(input, input.Rank - 1, op, path, "its input features (the last axis) must be a number") is { } symbolic) return symbolic;
        if (declaredIn >= 0 && declaredIn != input.Features)
        {
            return new ShapeError("ND0208",
                $"{op} at '{path}' declares in: {declaredIn} but receives {input.Features} features ({input}); remove 'in:' (it is inferred) or fix the layers before it");
        }
        return Replace(input, input.Rank - 1, outFeatures);
    }

    public static ShapeResult BatchNorm(Shape input, string op, string path)
    {
        if (input.Rank is not (1 or 3))
            return new ShapeError("ND0209", $"{op} at '{path}' needs a [C, H, W] or [N] input, got {input}");
        if (Fixed(input, 0, op, path, "its channels must be a number") is { } symbolic) return symbolic;
        return input;
    }

    public static ShapeResult SameShape(Shape input) => input;

    public static ShapeResult Dropout(Shape input, double p, string op, string path) =>
        p >= 0 && p < 1 ? input : Invalid(op, path, $"needs a probability 0 <= p < 1, got {p.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    public static ShapeResult LocalResponseNorm(Shape input, long size, string op, string path)
    {
        if (input.Rank != 3) return new ShapeError("ND0209", $"{op} at '{path}' needs a [C, H, W] input but receives {input}; it normalises across channels of a map");
        return size >= 1 ? input : Invalid(op, path, $"needs a window of at least 1 channel, got {size}");
    }

    public static ShapeResult ZeroPad2d(Shape input, long top, long bottom, long left, long right, string op, string path)
    {
        if (Spatial(input, op, path) is { } notSpatial) return notSpatial;
        if (top < 0 || bottom < 0 || left < 0 || right < 0) return Invalid(op, path, $"needs padding >= 0, got ({top}, {bottom}, {left}, {right})");
        try
        {
            return new Shape(input.Channels, checked(input.Height + top + bottom), checked(input.Width + left + right));
        }
        catch (OverflowException)
        {
            return Overflow(op, path, input);
        }
    }

    /// <summary>Image ops: a map <c>[C, H, W]</c> of fixed sizes (their output sizes and weights depend on every one).</summary>
    private static ShapeError? Spatial(Shape input, string op, string path)
    {
        if (input.Rank != 3) return new ShapeError("ND0209", $"{op} at '{path}' needs a [C, H, W] input but receives {input}; it works on images, not on flat vectors");
        for (var axis = 0; axis < 3; axis++)
        {
            if (Fixed(input, axis, op, path, "an image op needs the sizes of its map") is { } symbolic) return symbolic;
        }
        return null;
    }

    /// <summary>An error when axis <paramref name="axis"/> of <paramref name="input"/> is symbolic: the rule needs its exact size (<paramref name="why"/>).</summary>
    private static ShapeError? Fixed(Shape input, int axis, string op, string path, string why) =>
        input.Symbol(axis) is { } symbol
            ? new ShapeError("ND0214",
                $"{op} at '{path}' needs a fixed size for axis {axis} of its input {input}, but that is the symbolic size {symbol} (up to {input[axis]}), known only when the network runs; {why}")
            : null;

    /// <summary><paramref name="input"/> with axis <paramref name="axis"/> of size <paramref name="size"/> (a fixed axis).</summary>
    private static Shape Replace(Shape input, int axis, long size)
    {
        var dims = input.ToArray();
        dims[axis] = size;
        var symbols = input.Symbols();
        if (symbols is not null) symbols[axis] = null;
        return Shape.Of(dims, symbols, input.Elements, input.AxesMoved);
    }

    private static ShapeError Invalid(string op, string path, string what) => new("ND0114", $"{op} at '{path}' {what}");

    private static ShapeError Overflow(string op, string path, Shape input) =>
        new("ND0211", $"{op} at '{path}' computes a size beyond 64 bits from input {input}; check the sizes feeding it");
}
