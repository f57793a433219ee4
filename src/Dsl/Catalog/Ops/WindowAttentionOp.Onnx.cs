using System.Collections.Generic;
using System.Linq;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class WindowAttentionOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>
    /// Swin's shifted-window attention as the generated module computes it, in evaluation: the map's sizes are fixed, so
    /// the padding, the shift, the relative-position index and the shifted windows' mask are constants of the graph. The
    /// map is padded to whole windows, rolled back by the shift, cut into windows, attended per window with the learned
    /// bias of each pair's offset (and -100 between regions the shift brought together), joined, rolled and cropped.
    /// </summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var s = c.InputShape;
        if (s.HasSymbols) throw c.Unsupported("its map has symbolic axes; window attention needs the map's sizes");
        long height = s[0], width = s[1], channels = s[2];
        var (windowH, windowW) = c.Args.Pair("window");
        var (shiftH, shiftW) = c.Args.Pair("shift");
        var heads = c.Args.Int("heads");
        var g = c.Graph;
        var padBottom = (windowH - height % windowH) % windowH;
        var padRight = (windowW - width % windowW) % windowW;
        long paddedH = height + padBottom, paddedW = width + padRight;
        if (windowH >= paddedH) shiftH = 0;
        if (windowW >= paddedW) shiftW = 0;
        var shifted = shiftH + shiftW > 0;
        long rows = paddedH / windowH, columns = paddedW / windowW, windows = rows * columns, tokens = windowH * windowW;

        var x = padBottom + padRight == 0 ? c.Input : c.Node("Pad", new[] { c.Input, g.Int64s(new long[] { 0, 0, 0, 0, 0, padBottom, padRight, 0 }) });
        if (shifted) x = Roll(c, x, -shiftH, -shiftW, paddedH, paddedW);
        x = c.Node("Reshape", new[] { x, g.Int64s(new[] { 0, rows, windowH, columns, windowW, channels }) });
        x = c.Node("Transpose", new[] { x }, OnnxAttribute.Of("perm", new long[] { 0, 1, 3, 2, 4, 5 }));
        x = c.Node("Reshape", new[] { x, g.Int64s(new[] { -1, tokens, channels }) });

        var qkvInputs = new List<string> { x, c.Node("Transpose", new[] { c.Weight("qkv.weight", 3 * channels, channels) }, OnnxAttribute.Of("perm", new long[] { 1, 0 })) };
        var qkv = c.Node("MatMul", qkvInputs.ToArray());
        if (c.Args.Bool("qkv_bias")) qkv = c.Node("Add", new[] { qkv, c.Weight("qkv.bias", 3 * channels) });
        qkv = c.Node("Reshape", new[] { qkv, g.Int64s(new[] { -1, tokens, 3, heads, channels / heads }) });
        qkv = c.Node("Transpose", new[] { qkv }, OnnxAttribute.Of("perm", new long[] { 2, 0, 3, 1, 4 }));
        var parts = c.Node("Split", new[] { qkv, g.Int64s(new long[] { 1, 1, 1 }) }, 3, OnnxAttribute.Of("axis", 0L))
            .Select(p => c.Node("Squeeze", new[] { p, g.Int64s(new long[] { 0 }) })).ToArray();
        var q = c.Node("Mul", new[] { parts[0], g.Float((float)System.Math.Pow(channels / heads, -0.5)) });
        var keys = c.Node("Transpose", new[] { parts[1] }, OnnxAttribute.Of("perm", new long[] { 0, 1, 3, 2 }));
        var attention = c.Node("MatMul", new[] { q, keys });

        var table = c.Weight("relative_position_bias_table", (2 * windowH - 1) * (2 * windowW - 1), heads);
        var bias = c.Node("Gather", new[] { table, g.Int64s(RelativePositionIndex(windowH, windowW)) }, OnnxAttribute.Of("axis", 0L));
        bias = c.Node("Reshape", new[] { bias, g.Int64s(new[] { tokens, tokens, heads }) });
        bias = c.Node("Transpose", new[] { bias }, OnnxAttribute.Of("perm", new long[] { 2, 0, 1 }));
        attention = c.Node("Add", new[] { attention, bias });
        if (shifted)
        {
            attention = c.Node("Reshape", new[] { attention, g.Int64s(new[] { -1, windows, heads, tokens, tokens }) });
            var mask = c.Node("Reshape", new[] { g.Floats(ShiftMask(paddedH, paddedW, windowH, windowW, shiftH, shiftW)), g.Int64s(new[] { 1, windows, 1, tokens, tokens }) });
            attention = c.Node("Add", new[] { attention, mask });
            attention = c.Node("Reshape", new[] { attention, g.Int64s(new[] { -1, heads, tokens, tokens }) });
        }
        attention = c.Node("Softmax", new[] { attention }, OnnxAttribute.Of("axis", -1L));

        x = c.Node("MatMul", new[] { attention, parts[2] });
        x = c.Node("Transpose", new[] { x }, OnnxAttribute.Of("perm", new long[] { 0, 2, 1, 3 }));
        x = c.Node("Reshape", new[] { x, g.Int64s(new[] { -1, tokens, channels }) });
        x = c.Node("MatMul", new[] { x, c.Node("Transpose", new[] { c.Weight("proj.weight", channels, channels) }, OnnxAttribute.Of("perm", new long[] { 1, 0 })) });
        if (c.Args.Bool("proj_bias")) x = c.Node("Add", new[] { x, c.Weight("proj.bias", channels) });

        x = c.Node("Reshape", new[] { x, g.Int64s(new[] { -1, rows, columns, windowH, windowW, channels }) });
        x = c.Node("Transpose", new[] { x }, OnnxAttribute.Of("perm", new long[] { 0, 1, 3, 2, 4, 5 }));
        x = c.Node("Reshape", new[] { x, g.Int64s(new[] { -1, paddedH, paddedW, channels }) });
        if (shifted) x = Roll(c, x, shiftH, shiftW, paddedH, paddedW);
        if (padBottom + padRight > 0) x = c.Node("Slice", new[] { x, g.Int64s(new long[] { 0, 0 }), g.Int64s(new[] { height, width }), g.Int64s(new long[] { 1, 2 }) });
        return OnnxOpContext.One(x);
    }

    /// <summary>torch.roll of axes 1 and 2 of [N, H, W, C] by (<paramref name="byH"/>, <paramref name="byW"/>).</summary>
    private static string Roll(OnnxOpContext c, string x, long byH, long byW, long height, long width)
    {
        foreach (var (axis, by, size) in new[] { (0, byH, height), (1, byW, width) })
        {
            var shift = ((by % size) + size) % size;
            if (shift == 0) continue;
            x = c.Node("Concat", new[] { c.Slice(x, axis, size - shift, size, 1), c.Slice(x, axis, 0, size - shift, 1) }, OnnxAttribute.Of("axis", (long)axis + 1));
        }
        return x;
    }

    /// <summary>For tokens i and j of a window (row-major), the row of the bias table for their offset, as the module's buffer.</summary>
    private static long[] RelativePositionIndex(long windowH, long windowW)
    {
        var tokens = windowH * windowW;
        var index = new long[tokens * tokens];
        for (var i = 0; i < tokens; i++)
        {
            for (var j = 0; j < tokens; j++)
                index[i * tokens + j] = (i / windowW - j / windowW + windowH - 1) * (2 * windowW - 1) + i % windowW - j % windowW + windowW - 1;
        }
        return index;
    }

    /// <summary>[windows, tokens, tokens]: 0 within one region of the shifted map, -100 across regions (the module's mask).</summary>
    private static float[] ShiftMask(long paddedH, long paddedW, long windowH, long windowW, long shiftH, long shiftW)
    {
        var regions = new long[paddedH * paddedW];
        var count = 0;
        foreach (var (top, bottom) in Regions(paddedH, windowH, shiftH))
        {
            foreach (var (left, right) in Regions(paddedW, windowW, shiftW))
            {
                for (var r = top; r < bottom; r++)
                {
                    for (var col = left; col < right; col++) regions[r * paddedW + col] = count;
                }
                count++;
            }
        }
        long rows = paddedH / windowH, columns = paddedW / windowW, tokens = windowH * windowW;
        var mask = new float[rows * columns * tokens * tokens];
        for (long w = 0; w < rows * columns; w++)
        {
            var region = new long[tokens];
            for (long t = 0; t < tokens; t++) region[t] = regions[((w / columns) * windowH + t / windowW) * paddedW + (w % columns) * windowW + t % windowW];
            for (long i = 0; i < tokens; i++)
            {
                for (long j = 0; j < tokens; j++) mask[(w * tokens + i) * tokens + j] = region[i] == region[j] ? 0f : -100f;
            }
        }
        return mask;
    }

    /// <summary>The three slices of an axis as Python reads (0, -window), (-window, -shift), (-shift, end).</summary>
    private static (long Start, long Stop)[] Regions(long size, long window, long shift)
    {
        static long At(long position, long size) => position < 0 ? System.Math.Max(0, position + size) : System.Math.Min(position, size);
        return new[] { (At(0, size), At(-window, size)), (At(-window, size), At(-shift, size)), (At(-shift, size), size) };
    }
}
