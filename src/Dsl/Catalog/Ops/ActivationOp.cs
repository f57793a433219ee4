using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>An element-wise op without parameters whose output shape is its input shape (activations, dropout, lrn).</summary>
public sealed class ElementwiseOp : OpDefinition
{
    private readonly string _module;
    private readonly string _summary;

    /// <param name="module">The module expression; <c>{name}</c> holes take the C# code of those arguments.</param>
    public ElementwiseOp(string name, string summary, string module, params ArgSpec[] arguments)
    {
        Name = name;
        _summary = summary;
        _module = module;
        Arguments = arguments;
    }

    public override string Name { get; }

    public override string Summary => _summary;

    public override IReadOnlyList<ArgSpec> Arguments { get; }

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.SameShape(input);

    public override string EmitShape(OpCode c, string path) => c.Input;

    public override string EmitModule(OpCode c)
    {
        var module = _module;
        foreach (var argument in Arguments) module = module.Replace("{" + argument.Name + "}", c[argument.Name]);
        return module;
    }
}
