using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Pads the map with zeros (<c>zeropad</c>, nn.ZeroPad2d). In a <c>.net</c> file: <c>zeropad(top, bottom: top, left: top, right: left)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("zeropad")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ZeroPad2dAttribute : LayerAttribute
{
    /// <param name="top">Rows above (int).</param>
    /// <param name="bottom">Rows below (int); default top.</param>
    /// <param name="left">Columns on the left (int); default top.</param>
    /// <param name="right">Columns on the right (int); default left.</param>
    public ZeroPad2dAttribute(object top, object? bottom = null, object? left = null, object? right = null)
    {
    }

    /// <summary>The argument <c>bottom</c>: rows below (int); default top.</summary>
    public object? Bottom { get; set; }

    /// <summary>The argument <c>left</c>: columns on the left (int); default top.</summary>
    public object? Left { get; set; }

    /// <summary>The argument <c>right</c>: columns on the right (int); default left.</summary>
    public object? Right { get; set; }
}
