using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class LayerNorm2dOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>Each pixel's channels: channels last, LayerNormalization over them, channels first again (torchvision's LayerNorm2d).</summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var channels = c.InputShape.Channels;
        var last = c.Node("Transpose", new[] { c.Input }, OnnxAttribute.Of("perm", new long[] { 0, 2, 3, 1 }));
        var inputs = new List<string> { last, c.Weight("weight", channels) };
        if (c.Args.Bool("bias")) inputs.Add(c.Weight("bias", channels));
        var normalised = c.Node("LayerNormalization", inputs, OnnxAttribute.Of("axis", -1L), OnnxAttribute.Of("epsilon", (float)c.Args.Float("eps")));
        return OnnxOpContext.One(c.Node("Transpose", new[] { normalised }, OnnxAttribute.Of("perm", new long[] { 0, 3, 1, 2 })));
    }
}
