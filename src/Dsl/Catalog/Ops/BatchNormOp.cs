using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>bn(eps: 1e-5, momentum: 0.1)</c> — BatchNorm2d on [C, H, W], BatchNorm1d on [N].</summary>
public sealed class BatchNormOp : OpDefinition
{
    public override string Name => "bn";

    public override string Summary => "batch normalisation over channels (BatchNorm2d on [C, H, W], BatchNorm1d on [N]); Keras models use eps: 1e-3";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Float("eps", 1e-5), Args.Float("momentum", 0.1) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.BatchNorm(input, Name, path);

    /// <summary>weight and bias train; running_mean, running_var and num_batches_tracked are buffers (the first two counted, as Keras does).</summary>
    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output) => new(2 * input.Channels, 2 * input.Channels);

    public override IReadOnlyList<string> StateKeys(OpArguments a) => new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" };

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.BatchNorm({c.Input}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.BatchNorm({c.Input}, eps: {c["eps"]}, momentum: {c["momentum"]})";
}
