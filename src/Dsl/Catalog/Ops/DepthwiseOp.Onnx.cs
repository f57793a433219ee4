using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class DepthwiseOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c) => OnnxOpContext.One(ConvOp.Conv(c, c.Input, c.InputShape,
        c.InputShape.Channels * c.Args.Int("multiplier"), c.InputShape.Channels, "weight", c.Args.Bool("bias") ? "bias" : null));
}
