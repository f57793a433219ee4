using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Reshapes a sample to the sizes given, any rank; one may be -1 (inferred; it also keeps a symbolic axis); the element
/// count must not change (<c>reshape</c>). In a <c>.net</c> file: <c>reshape(dims...)</c>, e.g. <c>reshape(32, 4, 4)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("reshape")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ReshapeAttribute : LayerAttribute
{
    /// <param name="dims">The sizes of the sample, batch excluded (ints; one may be -1).</param>
    public ReshapeAttribute(params object[] dims)
    {
    }
}
