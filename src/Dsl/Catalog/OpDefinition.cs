using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Catalog;

/// <summary>
/// One catalog entry: an op's arguments, its shape rule, its parameter count, its state_dict sub-keys and its
/// TorchSharp emission. Adding an op means adding one subclass and registering it in <see cref="OpCatalog"/>.
/// </summary>
public abstract class OpDefinition
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

    public virtual ParameterCount CountParameters(OpArguments args, Shape input, Shape output) => ParameterCount.None;

    /// <summary>The state_dict keys below this layer's own path, e.g. <c>weight</c>, <c>bias</c>.</summary>
    public virtual IReadOnlyList<string> StateKeys(OpArguments args) => new string[0];

    /// <summary>
    /// A C# expression computing the output <see cref="Shape"/> at run time (it calls <see cref="ShapeRules"/>);
    /// <paramref name="pathCode"/> is the C# expression of the layer's path, for messages.
    /// </summary>
    public abstract string EmitShape(OpCode code, string pathCode);

    /// <summary>A C# expression constructing the TorchSharp module (a Module&lt;Tensor, Tensor[]&gt; when it <see cref="ReturnsSeveral"/>).</summary>
    public abstract string EmitModule(OpCode code);

    /// <summary>
    /// What a network output produced by this op holds (<c>sigmoid</c>: independent probabilities, ...), or null when the
    /// op keeps its input's kind (it moves or keeps values: <c>identity</c>, <c>dropout</c>, <c>flatten</c>,
    /// <c>reshape</c>). Most ops make raw scores.
    /// </summary>
    public OutputKind? OutputKind { get; init; } = NetDsl.OutputKind.Logits;
}
