using System.Collections.Generic;
using System.Globalization;
using NetDsl.Semantics;

namespace NetDsl.Emit;

// Children declared before they are applied (name = layer(...)): the constructor notes how many children the module has
// where one is declared and, once it is built where it is applied, registers it at that place, moving the children
// registered in between behind it. A child applied right where it is declared needs neither.
internal sealed partial class ScopeEmitter
{
    /// <summary>Whether the child has children of other instructions registered between its declaration and its use.</summary>
    internal static bool RegistersEarlier(Scope scope, ApplyInstruction apply) =>
        apply.DeclaredAt is { } at && at < scope.Instructions.IndexOf(apply);

    /// <summary>The constructor line that notes the place of each child declared before instruction <paramref name="index"/>.</summary>
    private void WriteDeclarations(SourceWriter w, int index)
    {
        foreach (var instruction in _scope.Instructions)
        {
            if (instruction is ApplyInstruction { DeclaredAt: { } at } apply && at == index && RegistersEarlier(_scope, apply))
                w.Line($"var {PlaceLocal(apply)} = NetDslLayers.ChildCount(this); // '{apply.Label}' is declared here, applied below");
        }
    }

    /// <summary>The registration of a built child: where it is applied, or at its declaration's place.</summary>
    private string Register(ApplyInstruction apply, string name, string field) => RegistersEarlier(_scope, apply)
        ? $"NetDslLayers.RegisterAt(this, {PlaceLocal(apply)}, {name}, {field});"
        : $"register_module({name}, {field});";

    private static string PlaceLocal(ApplyInstruction apply) => "place" + apply.Result.ToString(CultureInfo.InvariantCulture);
}
