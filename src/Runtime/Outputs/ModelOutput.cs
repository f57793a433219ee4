using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Outputs;

/// <summary>
/// What one output of a model holds, as losses, metrics and <c>Predict</c> need to know it: a generated network says
/// (<see cref="INetwork.Outputs"/>); any other module is taken to return raw scores, as before NetDsl knew kinds.
/// </summary>
public readonly record struct ModelOutput(OutputKind Kind, bool Declared, string Model)
{
    /// <summary>The output's name (<c>output</c> for a network without an <c>output</c> statement, or a plain module).</summary>
    public string Name { get; init; } = "output";

    /// <summary>The output exists only while the network trains (an auxiliary classifier): null in evaluation.</summary>
    public bool WhileTraining { get; init; }

    /// <summary>Whether the model names several outputs (messages then say which one).</summary>
    public bool OneOfSeveral { get; init; }

    /// <summary>
    /// The main output of <paramref name="model"/>: its only one, or the first of a network with several outputs (the one
    /// evaluation and <c>Predict</c> use).
    /// </summary>
    public static ModelOutput Of(nn.Module model) => All(model)[0];

    /// <summary>Every output of <paramref name="model"/> in the order it returns them, the main one first.</summary>
    public static IReadOnlyList<ModelOutput> All(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.GetType().Name;
        if (model is not INetwork network)
            return new[] { new ModelOutput(OutputKind.Logits, Declared: false, name) };
        var outputs = network.Outputs;
        if (outputs.Count == 0)
            throw new ArgumentException($"{name} declares no outputs");
        return outputs.Select(o => new ModelOutput(o.Kind, Declared: true, name)
        {
            Name = o.Name,
            WhileTraining = o.WhileTraining,
            OneOfSeveral = outputs.Count > 1,
        }).ToArray();
    }

    /// <summary>"FashionNet ends in sigmoid (independent probabilities)", "GoogLeNet's output 'aux1' ends in ...", for messages.</summary>
    public string Describe() => Declared
        ? $"{(OneOfSeveral ? $"{Model}'s output '{Name}'" : Model)} ends in {Ending(Kind)}"
        : $"{Model} is not a NetDsl network, so it is taken to return raw scores (logits)";

    private static string Ending(OutputKind kind) => kind switch
    {
        OutputKind.Probabilities => "softmax (class probabilities)",
        OutputKind.LogProbabilities => "log_softmax (log-probabilities)",
        OutputKind.IndependentProbabilities => "sigmoid (independent probabilities)",
        _ => "raw scores (logits)",
    };
}
