using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// An element-wise op without parameters whose output shape is its input shape (activations, softmax, dropout, lrn).
/// Activations and softmax are also functions (<c>relu6(x + 3)</c>, <c>x.softmax(-1)</c>); dropout and lrn only children.
/// </summary>
public sealed partial class ElementwiseOp : OpDefinition
{
    private readonly string _module;
    private readonly string _summary;

    private readonly string? _rule;

    /// <summary>The module expression of the in-place form (<c>nn.ReLU(inplace: true)</c>), or null when there is none.</summary>
    public string? InPlaceModule { get; init; }

    /// <param name="module">The module expression; <c>{name}</c> holes take the C# code of those arguments, <c>{name:axis}</c> an axis counted with the batch.</param>
    /// <param name="rule">A <see cref="ShapeRules"/> method validating the arguments (called with the input, the first argument, op and path), or null.</param>
    public ElementwiseOp(string name, string summary, string module, string? rule, params ArgSpec[] arguments)
    {
        Name = name;
        _summary = summary;
        _module = module;
        _rule = rule;
        Arguments = arguments;
    }

    /// <summary>An activation: a child or a function.</summary>
    public ElementwiseOp(string name, string summary, string module, params ArgSpec[] arguments)
        : this(name, summary, module, null, arguments)
    {
        Forms = OpForms.Both;
    }

    public override string Name { get; }

    public override string Summary => _summary;

    public override IReadOnlyList<ArgSpec> Arguments { get; }

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => _rule switch
    {
        nameof(ShapeRules.Dropout) => ShapeRules.Dropout(input, a.Float("p"), Name, path),
        nameof(ShapeRules.LocalResponseNorm) => ShapeRules.LocalResponseNorm(input, a.Int("size"), Name, path),
        nameof(ShapeRules.AlongAxis) => ShapeRules.AlongAxis(input, a.Int("dim"), Name, path),
        _ => ShapeRules.SameShape(input),
    };

    public override string EmitShape(OpCode c, string pathCode) => _rule is null
        ? c.Input
        : $"ShapeRules.{_rule}({c.Input}, {string.Join(", ", Arguments.Take(1).Select(a => c[a.Name]))}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => Fill(_module, c);

    public override string EmitInPlaceModule(OpCode c) => Fill(InPlaceModule ?? throw new System.NotSupportedException($"op '{Name}' has no in-place form"), c);

    private string Fill(string module, OpCode c)
    {
        foreach (var argument in Arguments)
        {
            module = module.Replace("{" + argument.Name + ":axis}", c.BatchAxis(argument.Name));
            module = module.Replace("{" + argument.Name + "}", c[argument.Name]);
        }
        return module;
    }
}
