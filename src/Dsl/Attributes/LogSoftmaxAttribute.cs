using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The log of softmax along a sample axis, by default 0 (<c>log_softmax</c>, nn.LogSoftmax). Axes count the sample's
/// axes, batch excluded. In a <c>.net</c> file: <c>log_softmax(dim: 0)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("log_softmax")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LogSoftmaxAttribute : LayerAttribute
{
    /// <param name="dim">The axis (int, negative from the last); default 0.</param>
    public LogSoftmaxAttribute(object? dim = null)
    {
    }

    /// <summary>The argument <c>dim</c>: the axis (int, negative from the last); default 0.</summary>
    public object? Dim { get; set; }
}
