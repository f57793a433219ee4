using NetDsl.Runtime.Outputs;
using static TorchSharp.torch.nn;

namespace NetDsl.Runtime.Training;

/// <summary>Mean squared error of the output as the model returns it: on probabilities too, which is a choice, not a mistake.</summary>
internal sealed class MeanSquaredErrorLoss : Loss
{
    public override string Name => "Losses.MeanSquaredError()";

    public override LossFunction Bind(ModelOutput output) =>
        (prediction, target) => functional.mse_loss(prediction, Losses.MatchTarget(target, prediction));
}
