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

    public virtual ParameterCount CountParameters(OpArguments args, Shape input, Shape output) => ParameterCount.None;

    /// <summary>The state_dict keys below this layer's own path, e.g. <c>weight</c>, <c>bias</c>.</summary>
    public virtual IReadOnlyList<string> StateKeys(OpArguments args) => new string[0];

    /// <summary>
    /// A C# expression computing the output <see cref="Shape"/> at run time (it calls <see cref="ShapeRules"/>);
    /// <paramref name="pathCode"/> is the C# expression of the layer's path, for messages.
    /// </summary>
    public abstract string EmitShape(OpCode code, string pathCode);

    /// <summary>A C# expression constructing the TorchSharp module.</summary>
    public abstract string EmitModule(OpCode code);

    /// <summary>
    /// What a network output produced by this op holds (<c>sigmoid</c>: independent probabilities, ...), or null when the
    /// op keeps its input's kind (it moves or keeps values: <c>identity</c>, <c>dropout</c>, <c>flatten</c>,
    /// <c>reshape</c>). Most ops make raw scores.
    /// </summary>
    public OutputKind? OutputKind { get; init; } = NetDsl.OutputKind.Logits;
}
