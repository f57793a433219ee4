using System.Collections.Generic;

namespace NetDsl;

/// <summary>
/// A generated network, as the runtime sees it (<c>model is INetwork</c>): what one sample of its input is and what
/// it returns. Every class the generator makes from a <c>network</c> declaration implements it.
/// </summary>
public interface INetwork
{
    /// <summary>The input shape of one sample (batch excluded) for the arguments this instance was built with.</summary>
    Shape InputShape { get; }

    /// <summary>
    /// The outputs in the order the network returns them, for the arguments this instance was built with, the main one
    /// first. A network without an <c>output</c> statement has one, named <c>output</c>; one with several returns a record
    /// of them and implements <see cref="ISeveralOutputs{TTensor}"/>.
    /// </summary>
    IReadOnlyList<NetworkOutput> Outputs { get; }

    /// <summary>
    /// The declaration this instance was made from and the arguments it was constructed with
    /// (docs/architecture.md, "The declaration travels with the module"): <c>NetDsl.Compiler.DeclaredNetworks.Check</c>
    /// turns it into the instance's evaluated network.
    /// </summary>
    NetworkDeclaration Declaration { get; }

    /// <summary>
    /// Serves faster (docs/training.md, "Serving faster"): from now on, in evaluation with gradients off, each batch norm
    /// that alone reads a conv's output is folded into that conv, and with <paramref name="channelsLast"/> those convs
    /// compute in channels-last memory format. The folded tensors are no parameters or buffers (state_dict, saving and
    /// optimizers see the module as before); training, evaluation with gradients on, and every change of the weights are
    /// handled as the page describes.
    /// </summary>
    void FuseForInference(bool channelsLast = false);
}
