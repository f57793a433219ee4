using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Outputs;

/// <summary>
/// Runs a model the trainer, evaluation and <c>Predict</c> can use: any module of one tensor in and out, or a NetDsl
/// network with several outputs (<see cref="ISeveralOutputs{TTensor}"/>), whose record is read as a list.
/// </summary>
public static class ModelCalls
{
    /// <summary>
    /// The model as a function from a batch to its outputs, in the order of <see cref="ModelOutput.All"/> (hooks run, as
    /// <c>call</c> runs them); an output that exists only while training is null in evaluation.
    /// </summary>
    /// <exception cref="ArgumentException">The model neither takes and returns one tensor nor is a network with several outputs.</exception>
    public static Func<Tensor, IReadOnlyList<Tensor?>> For(nn.Module model) => model switch
    {
        null => throw new ArgumentNullException(nameof(model)),
        ISeveralOutputs<Tensor> several => several.CallOutputs,
        nn.Module<Tensor, Tensor> one => input => new[] { one.call(input) },
        _ => throw new ArgumentException(
            $"{model.GetType().Name} is not a module of one tensor in and one out (Module<Tensor, Tensor>) nor a NetDsl network with several outputs; " +
            "wrap it in a module that returns the tensor to train on", nameof(model)),
    };

    /// <summary>The model's main output for a batch (its only output, or the first of several).</summary>
    public static Tensor Main(nn.Module model, Tensor input) =>
        For(model)(input)[0] ?? throw new InvalidOperationException($"{model.GetType().Name} returned no main output");
}
