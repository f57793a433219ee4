using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Merges axes <c>start</c> to <c>end</c> of a sample into one; by default all of them, [C, H, W] becomes [C*H*W]
/// (<c>flatten</c>, nn.Flatten). Axes count the sample's axes, batch excluded. In a <c>.net</c> file: <c>flatten(start: 0, end: -1)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("flatten")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute
{
    /// <param name="start">The first axis merged (int, negative from the last); default 0.</param>
    /// <param name="end">The last axis merged (int, negative from the last); default -1.</param>
    public FlattenAttribute(object? start = null, object? end = null)
    {
    }

    /// <summary>The argument <c>start</c>: the first axis merged (int, negative from the last); default 0.</summary>
    public object? Start { get; set; }

    /// <summary>The argument <c>end</c>: the last axis merged (int, negative from the last); default -1.</summary>
    public object? End { get; set; }
}
