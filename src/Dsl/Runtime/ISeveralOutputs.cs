using System.Collections.Generic;

namespace NetDsl;

/// <summary>
/// A generated network with several outputs (an <c>output</c> statement that names two or more). Its module returns a
/// record of them, <c>&lt;Network&gt;Output</c>; this reads them as a list, in the order of <see cref="INetwork.Outputs"/>,
/// for code that does not know the record's type (the runtime's trainer and <c>Predict</c>).
/// <typeparamref name="TTensor"/> is TorchSharp's <c>Tensor</c>: NetDsl.Dsl does not depend on TorchSharp.
/// </summary>
public interface ISeveralOutputs<TTensor> : INetwork where TTensor : class
{
    /// <summary>
    /// Runs the network on <paramref name="input"/> as <c>call</c> does (hooks included) and returns its outputs in
    /// declared order; an output that exists only while training (<see cref="NetworkOutput.WhileTraining"/>) is null in
    /// evaluation mode.
    /// </summary>
    IReadOnlyList<TTensor?> CallOutputs(TTensor input);
}
