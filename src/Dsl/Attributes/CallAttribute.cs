using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Calls a block declared in C# (<see cref="BlockAttribute"/>) or in a <c>.net</c> file, with positional arguments:
/// <c>[Call(typeof(Stage), 16, 1, "blocks")]</c> is <c>Stage(16, 1, blocks)</c>. For named arguments, write the call in a
/// <see cref="LayersAttribute"/> string.
/// </summary>
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class CallAttribute : LayerAttribute
{
    /// <param name="block">The block: <c>typeof(Fire)</c> (a block from a <c>.net</c> file is a generated class, so typeof works), or its name as a string.</param>
    /// <param name="arguments">The block's arguments in the order of its parameters: numbers, bools, constants, pairs or expression strings.</param>
    public CallAttribute(object block, params object[] arguments)
    {
    }
}
