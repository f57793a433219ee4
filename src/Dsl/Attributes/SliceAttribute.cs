using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Every <c>step</c>-th element from <c>start</c> up to <c>stop</c> (not included) along an axis (<c>slice</c>;
/// <c>x[start:stop:step]</c> on a value). Negative positions count from the end; a slice past the end is an error. In a
/// <c>.net</c> file: <c>slice(dim, start: 0, stop: (the end), step: 1)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("slice")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SliceAttribute : LayerAttribute
{
    /// <param name="dim">The axis (int, negative from the last).</param>
    /// <param name="start">The first element (int); default 0.</param>
    /// <param name="stop">The element to stop before (int); default the end.</param>
    /// <param name="step">Take every step-th element (int, at least 1); default 1.</param>
    public SliceAttribute(object dim, object? start = null, object? stop = null, object? step = null)
    {
    }

    /// <summary>The argument <c>start</c>: the first element (int); default 0.</summary>
    public object? Start { get; set; }

    /// <summary>The argument <c>stop</c>: the element to stop before (int); default the end.</summary>
    public object? Stop { get; set; }

    /// <summary>The argument <c>step</c>: take every step-th element (int, at least 1); default 1.</summary>
    public object? Step { get; set; }
}
