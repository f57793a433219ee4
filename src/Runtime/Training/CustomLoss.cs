using System;
using NetDsl.Runtime.Outputs;

namespace NetDsl.Runtime.Training;

/// <summary>A loss function written by the user: it gets outputs as the model returns them.</summary>
internal sealed class CustomLoss : Loss
{
    private readonly LossFunction _function;

    public CustomLoss(LossFunction function) => _function = function ?? throw new ArgumentNullException(nameof(function));

    public override string Name => "a custom loss function";

    public override LossFunction Bind(ModelOutput output) => _function;
}
