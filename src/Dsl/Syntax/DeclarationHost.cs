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
public sealed record HostMember(string Name, string Type, string Child);
