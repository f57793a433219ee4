using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Swaps two axes of a sample (<c>transpose</c>, tensor.transpose); axes count the sample's axes, batch excluded.
/// In a <c>.net</c> file: <c>transpose(dim0, dim1)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("transpose")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class TransposeAttribute : LayerAttribute
{
    /// <param name="dim0">One axis (int, negative from the last).</param>
    /// <param name="dim1">The other axis (int, negative from the last).</param>
    public TransposeAttribute(object dim0, object dim1)
    {
    }
}
