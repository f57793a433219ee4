using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Drops a residual branch while training (<c>stochastic_depth</c>, torchvision.ops.StochasticDepth): each sample
/// (<c>"row"</c>) or the whole batch (<c>"batch"</c>) is zeroed with probability <c>p</c>, what survives is scaled by
/// 1 / (1 - p); the identity in evaluation. In a <c>.net</c> file: <c>stochastic_depth(p, mode: row)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("stochastic_depth")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class StochasticDepthAttribute : LayerAttribute
{
    /// <param name="p">The drop probability, a float in [0, 1].</param>
    /// <param name="mode"><c>"row"</c> (each sample on its own) or <c>"batch"</c> (the whole batch); default <c>"row"</c>.</param>
    public StochasticDepthAttribute(object p, object? mode = null)
    {
    }

    /// <summary>The argument <c>mode</c>: <c>"row"</c> (each sample on its own) or <c>"batch"</c> (the whole batch); default <c>"row"</c>.</summary>
    public object? Mode { get; set; }
}
