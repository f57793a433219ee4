using System;
using NetDsl.Runtime.Outputs;

namespace NetDsl.Runtime.Training;

/// <summary>
/// A loss that knows what it needs from the model: <see cref="Bind"/> gives the function for what the model returns
/// (raw scores, probabilities, ...) or refuses, with a message that says what to change. <see cref="Losses"/> has the
/// usual ones; any <see cref="LossFunction"/> converts to a loss that gets the output as the model returns it.
/// </summary>
public abstract class Loss
{
    /// <summary>How the loss is written in code, for messages: <c>Losses.CrossEntropy()</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The function for outputs like <paramref name="output"/>'s.</summary>
    /// <exception cref="ArgumentException">This loss cannot use such outputs; the message says what to change.</exception>
    public abstract LossFunction Bind(ModelOutput output);

    /// <summary>A function of your own: it receives the output as the model returns it, whatever it holds.</summary>
    public static implicit operator Loss(LossFunction function) => new CustomLoss(function);

    /// <summary>The refusal: what the model returns, why this loss does not fit, what to do.</summary>
    protected ArgumentException Refuse(ModelOutput output, string remedy) =>
        new($"{output.Describe()}, which {Name} cannot train on; {remedy}");
}
