using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>bn(eps: 1e-5, momentum: 0.1, scale: true)</c> — BatchNorm2d on [C, H, W], BatchNorm1d on [N]; with
/// <c>scale: false</c> no weight (gamma), as Keras' BatchNormalization(scale=False).
/// </summary>
public sealed partial class BatchNormOp : OpDefinition
{
    public override string Name => "bn";

    public override string Summary => "batch normalisation over channels (BatchNorm2d on [C, H, W], BatchNorm1d on [N]); Keras models use eps: 1e-3; scale: false has no weight (gamma), as Keras' BatchNormalization(scale=False)";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Float("eps", 1e-5), Args.Float("momentum", 0.1), Args.Bool("scale", true) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.BatchNorm(input, Name, path);

    /// <summary>
    /// weight (unless scale: false) and bias train; running_mean, running_var and num_batches_tracked are buffers (the
    /// first two counted, as Keras counts its moving mean and variance).
    /// </summary>
    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output) =>
        new((a.Bool("scale") ? 2 : 1) * input.Channels, 2 * input.Channels);

    public override IReadOnlyList<string> StateKeys(OpArguments a) => a.Bool("scale")
        ? new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" }
        : new[] { "bias", "running_mean", "running_var", "num_batches_tracked" };

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.BatchNorm({c.Input}, \"{Name}\", {pathCode})";

    /// <summary>The helper's scale defaults to true, so an affine batch norm reads as before.</summary>
    public override string EmitModule(OpCode c) =>
        $"NetDslLayers.BatchNorm({c.Input}, eps: {c["eps"]}, momentum: {c["momentum"]}{(c["scale"] == "true" ? "" : $", scale: {c["scale"]}")})";

    public override bool FoldsIntoPrevious => true;

    /// <summary>nn.BatchNorm2d's keys and behaviour; after FuseForInference the conv before it computes it in evaluation.</summary>
    public override string EmitFoldedModule(OpCode c, string into) =>
        $"NetDslLayers.FoldedBatchNorm({into}, {c.Input}, eps: {c["eps"]}, momentum: {c["momentum"]}{(c["scale"] == "true" ? "" : $", scale: {c["scale"]}")})";
}
