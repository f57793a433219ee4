using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Catalog;

/// <summary>
/// One catalog entry: an op's arguments, its shape rule, its parameter and multiply-accumulate counts, its state_dict
/// sub-keys and its TorchSharp emission. Adding an op means adding one subclass and registering it in <see cref="OpCatalog"/>.
/// </summary>
public abstract partial class OpDefinition
{
    public abstract string Name { get; }

    /// <summary>One line for docs and summaries.</summary>
    public abstract string Summary { get; }

    public virtual IReadOnlyList<ArgSpec> Arguments { get; } = new ArgSpec[0];

    /// <summary>
    /// Where the op may be written: as a child, and, for an op without parameters or buffers that behaves the same in
    /// training and evaluation, as a function too (its module is built but not registered: no child, no index).
    /// </summary>
    public OpForms Forms { get; init; } = OpForms.Child;

    /// <summary>Whether token ids pass through the op (structural ops); every other op computes and needs floats (ND0215).</summary>
    public bool TakesIds { get; init; }

    /// <summary>
    /// The most values the op takes (at least one): 1 for almost every op; <c>attention</c> takes a sequence, or a tuple of
    /// queries and a memory, <c>(q, memory) |&gt; attention(8)</c>. An op with several inputs overrides
    /// <see cref="Infer(OpArguments, Shape[], string)"/>.
    /// </summary>
    public int MaxInputs { get; init; } = 1;

    /// <summary>Whether the op returns several values (<c>chunk</c>, <c>split</c>): its rule gives <see cref="ShapeResult.Parts"/>, its module a Tensor[].</summary>
    public bool ReturnsSeveral { get; init; }

    /// <summary>The names of <see cref="Arguments"/>, in order.</summary>
    public IReadOnlyList<string> ArgumentNames => _argumentNames ??= Arguments.Select(a => a.Name).ToArray();

    private IReadOnlyList<string>? _argumentNames;

    /// <summary>
    /// The position of the argument <paramref name="name"/> in <see cref="Arguments"/>: an application's values and code
    /// are arrays in that order (an op has a handful of arguments, so a scan beats a map per application).
    /// </summary>
    public int IndexOf(string name)
    {
        var arguments = Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Name == name) return i;
        }
        throw new KeyNotFoundException($"op '{Name}' has no argument '{name}'");
    }

    /// <summary>The output shape for concrete arguments; errors and warnings name <paramref name="path"/>.</summary>
    public abstract ShapeResult Infer(OpArguments args, Shape input, string path);

    /// <summary><see cref="Infer"/>, after the rule every op shares: token ids pass only through ops that take them.</summary>
    public ShapeResult Check(OpArguments args, Shape input, string path) =>
        !TakesIds && ShapeRules.Floats(input, Name, path) is { } ids ? ids : Infer(args, input, path);

    /// <summary>The output shape for concrete arguments and several inputs (an op whose <see cref="MaxInputs"/> exceeds 1).</summary>
    public virtual ShapeResult Infer(OpArguments args, Shape[] inputs, string path) => Infer(args, inputs[0], path);

    /// <summary><see cref="Check(OpArguments, Shape, string)"/> for an op applied to one value or several.</summary>
    public ShapeResult Check(OpArguments args, Shape[] inputs, string path)
    {
        if (inputs.Length == 1) return Check(args, inputs[0], path);
        foreach (var input in inputs)
        {
            if (!TakesIds && ShapeRules.Floats(input, Name, path) is { } ids) return ids;
        }
        return Infer(args, inputs, path);
    }

    public virtual ParameterCount CountParameters(OpArguments args, Shape input, Shape output) => ParameterCount.None;

    /// <summary>The parameters of an op applied to several values (by default those of the first).</summary>
    public virtual ParameterCount CountParameters(OpArguments args, Shape[] inputs, Shape output) => CountParameters(args, inputs[0], output);

    /// <summary>
    /// Multiply-accumulates of one application to one sample, by torchvision's convention for its published GFLOPS: the
    /// products of convolutions, fully connected layers and attention's matrix products, each one weight (or key, or
    /// attention weight) times one value summed into an output. Bias additions, normalisation, activations, pooling,
    /// softmax and merges count 0 (docs/language.md, "Multiply-accumulates and memory").
    /// </summary>
    public virtual long CountMultiplyAccumulates(OpArguments args, Shape input, Shape output) => 0;

    /// <summary>The multiply-accumulates of an op applied to several values (by default those of the first).</summary>
    public virtual long CountMultiplyAccumulates(OpArguments args, Shape[] inputs, Shape output) => CountMultiplyAccumulates(args, inputs[0], output);

    /// <summary>
    /// The shape of the parameter <paramref name="key"/> (<c>weight</c>), for ops whose parameters another layer may take
    /// as its own (tied weights: <c>linear(vocab, weight: transformer.wte.weight)</c>); null for a key the op does not
    /// lend, and for every key of an op that lends none.
    /// </summary>
    public virtual long[]? ParameterShape(string key, OpArguments args, Shape input, Shape output) => null;

    /// <summary>The state_dict keys below this layer's own path, e.g. <c>weight</c>, <c>bias</c>.</summary>
    public virtual IReadOnlyList<string> StateKeys(OpArguments args) => new string[0];

    /// <summary>The state_dict keys of an op applied to <paramref name="inputs"/> (by default those of <see cref="StateKeys(OpArguments)"/>).</summary>
    public virtual IReadOnlyList<string> StateKeys(OpArguments args, Shape[] inputs) => StateKeys(args);

    /// <summary>
    /// A C# expression computing the output <see cref="Shape"/> at run time (it calls <see cref="ShapeRules"/>);
    /// <paramref name="pathCode"/> is the C# expression of the layer's path, for messages.
    /// </summary>
    public abstract string EmitShape(OpCode code, string pathCode);

    /// <summary>A C# expression constructing the TorchSharp module (a Module&lt;Tensor, Tensor[]&gt; when it <see cref="ReturnsSeveral"/>).</summary>
    public abstract string EmitModule(OpCode code);

    /// <summary>What the op's backward keeps and how its result shares memory (<see cref="OpAutograd"/>); ops that say nothing allow no optimisation.</summary>
    public OpAutograd Autograd { get; init; } = OpAutograd.Unknown;

    /// <summary>
    /// The module of the form that overwrites its input (<c>nn.ReLU(inplace: true)</c>), for an op whose <see cref="Autograd"/>
    /// says it has one; the emitter builds it where the memory plan found that nothing else needs the input.
    /// </summary>
    public virtual string EmitInPlaceModule(OpCode code) => throw new System.NotSupportedException($"op '{Name}' has no in-place form");

    /// <summary>
    /// What a network output produced by this op holds (<c>sigmoid</c>: independent probabilities, ...), or null when the
    /// op keeps its input's kind (it moves or keeps values: <c>identity</c>, <c>dropout</c>, <c>flatten</c>,
    /// <c>reshape</c>). Most ops make raw scores.
    /// </summary>
    public OutputKind? OutputKind { get; init; } = NetDsl.OutputKind.Logits;
}
