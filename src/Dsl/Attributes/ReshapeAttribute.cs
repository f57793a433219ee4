using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Reshapes a sample to [size] or [size, height, width]; the element count must not change (<c>reshape</c>). In a <c>.net</c> file: <c>reshape(size, height: absent, width: absent)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("reshape")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ReshapeAttribute : LayerAttribute
{
    /// <param name="size">The first dimension (int).</param>
    /// <param name="height">The second dimension (int); default absent.</param>
    /// <param name="width">The third dimension (int); default absent.</param>
    public ReshapeAttribute(object size, object? height = null, object? width = null)
    {
    }

    /// <summary>The argument <c>height</c>: the second dimension (int); default absent.</summary>
    public object? Height { get; set; }

    /// <summary>The argument <c>width</c>: the third dimension (int); default absent.</summary>
    public object? Width { get; set; }
}
