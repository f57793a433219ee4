using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// One element along an axis, which disappears (<c>select</c>, tensor.select; <c>x[i]</c> on a value). Axes count the
/// sample's axes, batch excluded. In a <c>.net</c> file: <c>select(dim, index)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("select")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SelectAttribute : LayerAttribute
{
    /// <param name="dim">The axis (int, negative from the last).</param>
    /// <param name="index">The element (int, negative from the end).</param>
    public SelectAttribute(object dim, object index)
    {
    }
}
