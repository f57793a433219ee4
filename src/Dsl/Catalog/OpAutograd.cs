namespace NetDsl.Catalog;

/// <summary>
/// How an op's tensors relate for autograd and memory, the facts the memory plan (<see cref="Semantics.MemoryPlan"/>)
/// reads to run ops in place and to release values at their last use. PyTorch's rules: an op whose backward keeps a
/// tensor (conv, linear and batch norm keep their input; relu, sigmoid, tanh and softmax their result) needs it unchanged
/// until the backward pass, so nothing may overwrite it in place. An op the catalog says nothing about gets
/// <see cref="Unknown"/>: it is assumed to keep both, to share its input's memory and even to return its input tensor itself
/// (torchvision's StochasticDepth in evaluation), which allows no optimisation near it.
/// </summary>
/// <param name="SavesInput">The backward pass keeps the input (so it must not be overwritten later).</param>
/// <param name="SavesOutput">The backward pass keeps the result (so the result must not be overwritten later).</param>
/// <param name="SharesInput">The result may share the input's memory (a view: flatten, permute, slice; identity; dropout while evaluating).</param>
/// <param name="InPlace">
/// The op has a form that overwrites its input (<c>nn.ReLU(inplace: true)</c>, see <see cref="OpDefinition.EmitInPlaceModule"/>)
/// whose backward needs only its result, so it is exact with gradients whenever nothing else needs the input.
/// </param>
public sealed record OpAutograd(bool SavesInput, bool SavesOutput, bool SharesInput, bool InPlace = false)
{
    /// <summary>Assumed for an op that declares nothing: keeps both, may share its input's memory, never in place.</summary>
    public static readonly OpAutograd Unknown = new(true, true, true);

    /// <summary>Convolutions, linear layers, batch norm, pools: the backward keeps the input; the result is new memory.</summary>
    public static readonly OpAutograd KeepsInput = new(true, false, false);

    /// <summary>Keeps both input and result (LRN, global max pooling, relu6 whose out-of-place form keeps its input).</summary>
    public static readonly OpAutograd KeepsBoth = new(true, true, false);

    /// <summary>Padding: the backward needs only sizes; the result is new memory.</summary>
    public static readonly OpAutograd KeepsNothing = new(false, false, false);

    /// <summary>Views and pass-throughs: nothing kept, the result shares the input's memory.</summary>
    public static readonly OpAutograd View = new(false, false, true);

    /// <summary>relu, sigmoid, tanh, softmax: the backward keeps the result; <paramref name="inPlace"/> when an in-place form exists.</summary>
    public static OpAutograd KeepsOutput(bool inPlace) => new(false, true, false, inPlace);
}
