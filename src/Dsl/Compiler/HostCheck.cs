using System.Linq;
using NetDsl.Diagnostics;
using NetDsl.Emit;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Compiler;

/// <summary>
/// A stage property of a C# class is implemented as <c>public partial T Name => child;</c>, so its declared type must
/// hold the child the stage creates: a <c>Module&lt;Tensor, Tensor&gt;</c> for one op, a <c>Sequential</c> for a chain,
/// the block's class for a block call. A type that cannot is ND0315 at the type, and the class gets its stub rather
/// than a generated part that does not compile. Only the compiler knows the child; the front-end told it what the
/// type holds (<see cref="HostMember.Holds"/>).
/// </summary>
internal static class HostCheck
{
    private const string Module = "Module<Tensor, Tensor>";

    /// <summary>Whether every stage property of <paramref name="declaration"/> can hold its child; reports those that cannot.</summary>
    public static bool Check(DeclarationSyntax declaration, Scope scope, SourceText source, string rootNamespace, DiagnosticBag diagnostics)
    {
        var ok = true;
        foreach (var member in declaration.Host?.Members ?? default)
        {
            // A label that names nothing is the language's error (ND0108); the class gets no code then anyway.
            var child = scope.Instructions.FirstOrDefault(i => i is ApplyInstruction { Label: var a } && a == member.Child || i is GroupInstruction { Label: var g } && g == member.Child);
            if (child is null) continue;
            var (needs, block, what, declare) = Describe(child, rootNamespace);
            if ((member.Holds & needs) != 0 || (block is not null && member.Class is { } type && (type == block.Value.Name || type == block.Value.FullName))) continue;
            diagnostics.Report(DiagnosticCatalog.StagePropertyType, source.Span(member.TypeRange),
                $"the stage '{member.Name}' is {what}, which a property of this type cannot hold; declare it as {declare}");
            ok = false;
        }
        return ok;
    }

    /// <summary>What an instruction's child is (as <see cref="ScopeEmitter"/> types its field), and the types that hold it.</summary>
    private static (ChildKinds Needs, (string Name, string FullName)? Block, string What, string Declare) Describe(Instruction child, string rootNamespace) => child switch
    {
        ApplyInstruction { IsSpliced: true } => (ChildKinds.ModuleArray, null, $"copies registered one by one, a {Module}[]", $"{Module}[]"),
        ApplyInstruction { Repeat: not null } apply => (ChildKinds.Sequential, null, $"a repetition of {apply.Layer.Name}, a Sequential", $"Sequential (or {Module})"),
        ApplyInstruction { Layer.Block: { } block } => (
            block.Syntax.Inputs.Count > 1 ? ChildKinds.AnyModule : ChildKinds.Module,
            (block.Name, $"{block.Syntax.Host?.Namespace ?? rootNamespace}.{block.Name}".TrimStart('.')),
            $"the block {block.Name}",
            block.Syntax.Inputs.Count > 1 ? block.Name : $"{block.Name} (or {Module})"),
        ApplyInstruction apply => (ChildKinds.Module, null, $"one layer, {apply.Layer.Name}, a {Module}", $"{Module} (a stage of several layers is a Sequential)"),
        GroupInstruction { Count: not null } => (ChildKinds.ModuleList, null, $"parallel copies, a ModuleList<{Module}>", $"ModuleList<{Module}>"),
        GroupInstruction group when ScopeEmitter.IsLinear(group) => (ChildKinds.Sequential, null, "a chain of layers, a Sequential", $"Sequential (or {Module})"),
        _ => (ChildKinds.Module, null, $"a group with branches or merges, a {Module}", Module),
    };
}
