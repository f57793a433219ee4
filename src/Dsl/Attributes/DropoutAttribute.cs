using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Zeroes elements with probability <c>p</c> while training (<c>dropout</c>, nn.Dropout). In a <c>.net</c> file: <c>dropout(p: 0.5)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("dropout")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <param name="p">A float in [0, 1); default 0.5.</param>
    public DropoutAttribute(object? p = null)
    {
    }

    /// <summary>The argument <c>p</c>: a float in [0, 1); default 0.5.</summary>
    public object? P { get; set; }
}
