using System.Collections.Generic;
using System.Linq;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class BatchNormOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>Evaluation mode: the running statistics normalise; without <c>scale</c> the weight is ones (no key holds it).</summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var channels = c.InputShape.Channels;
        var scale = c.Args.Bool("scale") ? c.Weight("weight", channels) : c.Graph.Floats(Enumerable.Repeat(1f, (int)channels).ToArray());
        return OnnxOpContext.One(c.Node("BatchNormalization",
            new[] { c.Input, scale, c.Weight("bias", channels), c.Weight("running_mean", channels), c.Weight("running_var", channels) },
            OnnxAttribute.Of("epsilon", (float)c.Args.Float("eps"))));
    }
}
