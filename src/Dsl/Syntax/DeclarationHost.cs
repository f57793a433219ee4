using NetDsl.Collections;

namespace NetDsl.Syntax;

/// <summary>
/// Where a declaration written in C# lives (the attribute front-end): the user's partial class supplies the
/// namespace, the enclosing types, the accessibility, and members the generated part implements. Declarations from
/// <c>.net</c> files have no host and go to the project's root namespace.
/// </summary>
/// <param name="Namespace">The class's namespace; empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing type declarations, outermost first, e.g. <c>partial class Outer</c>.</param>
/// <param name="Accessibility">The class's accessibility as written, e.g. <c>public</c> or <c>internal</c>.</param>
/// <param name="DeclaredNames">The names of the members the class declares itself: generated private fields and nested classes avoid them.</param>
public sealed record DeclarationHost(string Namespace, EquatableArray<string> ContainingTypes, string Accessibility, EquatableArray<HostMember> Members, EquatableArray<string> DeclaredNames);

/// <summary>A partial property of the user's class that returns the child <paramref name="Child"/>, e.g. <c>Features</c> → <c>features</c>.</summary>
/// <param name="Type">The property's type as the generated part repeats it (fully qualified when it binds).</param>
/// <param name="Holds">The children its type can hold, worked out by the C# front-end with C#'s conversions.</param>
/// <param name="Class">
/// The type's name when it may be a block's class (<c>Tests.App.Fire</c>, or as written when it does not bind yet: a
/// block of a <c>.net</c> file is generated with the code); else null.
/// </param>
/// <param name="TypeRange">Where the type is written: a child the type cannot hold is reported there (ND0315).</param>
public sealed record HostMember(string Name, string Type, string Child, ChildKinds Holds, string? Class, TextRange TypeRange);

/// <summary>What a stage property's type can hold: which modules convert to it.</summary>
[System.Flags]
public enum ChildKinds
{
    None = 0,

    /// <summary><c>Module&lt;Tensor, Tensor&gt;</c>: one op, a group with branches, a block of one input.</summary>
    Module = 1,

    /// <summary><c>Sequential</c>: a chain of layers, a repetition.</summary>
    Sequential = 2,

    /// <summary><c>ModuleList&lt;Module&lt;Tensor, Tensor&gt;&gt;</c>: parallel copies.</summary>
    ModuleList = 4,

    /// <summary><c>Module&lt;Tensor, Tensor&gt;[]</c>: copies registered one by one (<c>layer*</c>).</summary>
    ModuleArray = 8,

    /// <summary>Every module, a block of several inputs too (the type is <c>Module</c>, <c>object</c>, ...).</summary>
    AnyModule = 16,

    /// <summary>Whatever the child (the front-end cannot tell: TorchSharp is not referenced).</summary>
    Anything = 31,
}
