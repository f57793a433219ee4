using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Local response normalisation across channels, AlexNet (<c>lrn</c>, nn.LocalResponseNorm). In a <c>.net</c> file: <c>lrn(size, alpha: 1e-4, beta: 0.75, k: 1.0)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("lrn")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LocalResponseNormAttribute : LayerAttribute
{
    /// <param name="size">The window, in channels (int).</param>
    /// <param name="alpha">A float; default 1e-4.</param>
    /// <param name="beta">A float; default 0.75.</param>
    /// <param name="k">A float; default 1.0.</param>
    public LocalResponseNormAttribute(object size, object? alpha = null, object? beta = null, object? k = null)
    {
    }

    /// <summary>The argument <c>alpha</c>: a float; default 1e-4.</summary>
    public object? Alpha { get; set; }

    /// <summary>The argument <c>beta</c>: a float; default 0.75.</summary>
    public object? Beta { get; set; }

    /// <summary>The argument <c>k</c>: a float; default 1.0.</summary>
    public object? K { get; set; }
}
