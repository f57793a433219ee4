using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>stochastic_depth(p, mode: row)</c>: torchvision.ops.StochasticDepth. While training, zeroes each sample (<c>row</c>)
/// or the whole batch (<c>batch</c>) with probability p and scales what survives by 1 / (1 - p); the identity in
/// evaluation. A child only, as torchvision registers it (it behaves differently while training); it has no state.
/// </summary>
public sealed partial class StochasticDepthOp : OpDefinition
{
    public StochasticDepthOp()
    {
        OutputKind = null;
    }

    public override string Name => "stochastic_depth";

    public override string Summary => "drops a residual branch while training: zeroes each sample (mode: row) or the whole batch (mode: batch) with probability p, scales the rest by 1 / (1 - p); the identity in evaluation";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Float("p"), Args.Word("mode", "row", "batch") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.StochasticDepth(input, a.Float("p"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.StochasticDepth({c.Input}, {c["p"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.StochasticDepth({c["p"]}, {c["mode"]})";
}
