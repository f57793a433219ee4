using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Layers written in the NetDsl language, for what the typed attributes do not say: branches, merges, named values,
/// optional layers, parallel copies. <c>[Layers("Fire(16, 64, 64) * 2")]</c> is one stage of a pipeline, in order with
/// the attributes around it; a string of several lines (a raw <c>"""</c> literal) holds statements, as the body of a
/// <c>.net</c> block. A diagnostic inside the string points at its exact column.
/// </summary>
/// <remarks>
/// Use a regular string without escape sequences, a verbatim (<c>@"..."</c>) or a raw (<c>"""..."""</c>) string literal,
/// written in the attribute itself (not a constant defined elsewhere), so that positions in it are positions in the file.
/// </remarks>
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LayersAttribute : Attribute
{
    /// <param name="layers">An expression (<c>"conv(64, 3) |> relu"</c>) or statements of the NetDsl language.</param>
    public LayersAttribute(string layers)
    {
    }
}
