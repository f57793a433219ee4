using System.Collections.Generic;
using System.Globalization;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>name = parameter(sizes..., batch_axis: false, std: 0.0, fill: 0.0)</c> and <c>name = buffer(...)</c>: a learned
/// tensor (nn.Parameter) or a non-trainable persistent buffer (register_buffer) owned by the scope that declares it,
/// state_dict key <c>name</c>, with PyTorch's stored sizes. It takes no input: its value is the same for every sample.
/// With <c>batch_axis: true</c> the first stored size is PyTorch's batch axis of 1 (ViT's class token <c>[1, 1, 768]</c>,
/// sample shape <c>[1, 768]</c>). Initialised with zeros, <c>fill</c> (ConvNeXt's layer scale, 1e-6), or a normal
/// distribution of standard deviation <c>std</c> (ViT's position embedding, 0.02). Not in <see cref="OpCatalog"/>: it is
/// declared by a binding, not applied to a value.
/// </summary>
public sealed partial class LearnedTensorOp : OpDefinition
{
    public static readonly LearnedTensorOp Parameter = new(trainable: true);

    public static readonly LearnedTensorOp Buffer = new(trainable: false);

    /// <summary>Both, for the editor's completions beside the catalog's ops.</summary>
    public static readonly IReadOnlyList<LearnedTensorOp> All = new[] { Parameter, Buffer };

    private LearnedTensorOp(bool trainable)
    {
        Trainable = trainable;
        Forms = 0;
    }

    /// <summary><c>parameter</c> or <c>buffer</c>, or null for another name.</summary>
    public static LearnedTensorOp? Find(string name) => name switch
    {
        "parameter" => Parameter,
        "buffer" => Buffer,
        _ => null,
    };

    /// <summary>A parameter (trained, counted in ParameterCount) or a buffer (in the state_dict, counted in BufferCount).</summary>
    public bool Trainable { get; }

    public override string Name => Trainable ? "parameter" : "buffer";

    public override string Summary => Trainable
        ? "a learned tensor of the scope (nn.Parameter), by name: class_token = parameter(1, 1, 768, batch_axis: true)"
        : "a non-trainable tensor of the scope's state_dict (a persistent buffer), by name: mask = buffer(16, 16, fill: 1)";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[]
    {
        Args.Rest("sizes"), Args.Bool("batch_axis", false), Args.Float("std", 0.0), Args.Float("fill", 0.0),
    };

    /// <summary>The value's sample shape; the input is ignored (a learned tensor takes none).</summary>
    public override ShapeResult Infer(OpArguments a, Shape input, string path)
    {
        if (a.Float("std") is var std && (std < 0 || double.IsNaN(std) || double.IsInfinity(std)))
            return new ShapeError("ND0114", $"{Name} at '{path}' needs a standard deviation std >= 0, got {std.ToString(CultureInfo.InvariantCulture)}");
        if (std > 0 && a.Float("fill") != 0)
            return new ShapeError("ND0114", $"{Name} at '{path}' has both std: (a normal distribution) and fill: (a constant); give one of them");
        return ShapeRules.LearnedTensor(a.Ints("sizes"), a.Bool("batch_axis"), Name, path);
    }

    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output)
    {
        long count = 1;
        foreach (var size in a.Ints("sizes")) count = checked(count * size);
        return Trainable ? new ParameterCount(count, 0) : new ParameterCount(0, count);
    }

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.LearnedTensor({c["sizes"]}, {c["batch_axis"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) =>
        $"NetDslLayers.{(Trainable ? "NewParameter" : "NewBuffer")}({c["sizes"]}, {c["std"]}, {c["fill"]})";
}
