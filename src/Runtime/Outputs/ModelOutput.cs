using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Outputs;

/// <summary>
/// What a model's one output holds, as losses, metrics and <c>Predict</c> need to know it: a generated network says
/// (<see cref="INetwork.Outputs"/>); any other module is taken to return raw scores, as before NetDsl knew kinds.
/// </summary>
public readonly record struct ModelOutput(OutputKind Kind, bool Declared, string Model)
{
    /// <summary>The output of <paramref name="model"/>, which must return one tensor.</summary>
    /// <exception cref="ArgumentException">A generated network with several outputs (a trainer takes one).</exception>
    public static ModelOutput Of(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.GetType().Name;
        if (model is not INetwork network)
            return new ModelOutput(OutputKind.Logits, Declared: false, name);
        var outputs = network.Outputs;
        if (outputs.Count != 1)
            throw new ArgumentException(
                $"{name} has {outputs.Count} outputs ({string.Join(", ", outputs.Select(o => o.Name))}); train, evaluate and predict with a module that returns one of them");
        return new ModelOutput(outputs[0].Kind, Declared: true, name);
    }

    /// <summary>"FashionNet ends in sigmoid (independent probabilities)", for messages.</summary>
    public string Describe() => Declared
        ? $"{Model} ends in {Ending(Kind)}"
        : $"{Model} is not a NetDsl network, so it is taken to return raw scores (logits)";

    private static string Ending(OutputKind kind) => kind switch
    {
        OutputKind.Probabilities => "softmax (class probabilities)",
        OutputKind.LogProbabilities => "log_softmax (log-probabilities)",
        OutputKind.IndependentProbabilities => "sigmoid (independent probabilities)",
        _ => "raw scores (logits)",
    };
}
