using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Softmax along a sample axis, by default 0: the channels or features (<c>softmax</c>, nn.Softmax). Axes count the
/// sample's axes, batch excluded. In a <c>.net</c> file: <c>softmax(dim: 0)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("softmax")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxAttribute : LayerAttribute
{
    /// <param name="dim">The axis (int, negative from the last); default 0.</param>
    public SoftmaxAttribute(object? dim = null)
    {
    }

    /// <summary>The argument <c>dim</c>: the axis (int, negative from the last); default 0.</summary>
    public object? Dim { get; set; }
}
