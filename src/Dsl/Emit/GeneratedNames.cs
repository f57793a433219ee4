using System.Collections.Generic;

namespace NetDsl.Emit;

/// <summary>
/// Names generated code uses without qualification (TorchSharp's, NetDsl's, .NET's). A declaration of the same name
/// where generated code looks first (a field or parameter of the generated class, a member of the user's class, a type
/// in its namespace) would hide them: generated names avoid them, and the front-ends report user declarations that do.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>Used in expressions (<c>nn.Conv2d(...)</c>, <c>ShapeRules.Linear(...)</c>, <c>register_module(...)</c>): any member of the name hides them.</summary>
    public static readonly HashSet<string> Values = new()
    {
        "nn", "torch", "ShapeRules", "NetDslLayers", "Padding", "PaddingModes", "CultureInfo", "Dsl", "register_module", "register_parameter", "register_buffer",
    };

    /// <summary>Used as types only (<c>Module&lt;Tensor, Tensor&gt;</c>, <c>new Shape(...)</c>): only a type of the name hides them.</summary>
    public static readonly HashSet<string> Types = new()
    {
        "Tensor", "Module", "Sequential", "ModuleList", "Parameter", "Shape", "LayerInfo", "List", "IReadOnlyList", "ShapeException", "ShapeError", "ResolvedPadding", "PaddingMode", "ElementKind",
    };

    public static bool IsUsed(string name) => Values.Contains(name) || Types.Contains(name);

    /// <summary>
    /// The members of fixed names every generated network class declares: a label, a user's property or a declaration
    /// of the same name would clash with one (the emitter renames such labels, the front-ends report the others).
    /// </summary>
    public static readonly string[] NetworkMembers =
    {
        "forward", "ParameterCount", "BufferCount", "MultiplyAccumulates", "ActivationBytes", "Summary", "Layers", "InputShape", "OutputShape",
        "DeclaredInputShape", "Outputs", "CallOutputs", "Declaration", "DeclarationText", "RegisterComponents", "FuseForInference",
    };

    /// <summary>The members of fixed names every generated block class declares.</summary>
    public static readonly string[] BlockMembers = { "forward", "OutputShape", "RegisterComponents" };
}
