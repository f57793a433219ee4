using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Batch normalisation over channels (<c>bn</c>): nn.BatchNorm2d on [C, H, W], nn.BatchNorm1d on [N]. In a <c>.net</c> file: <c>bn(eps: 1e-5, momentum: 0.1, scale: true)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("bn")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class BatchNorm2dAttribute : LayerAttribute
{
    /// <param name="eps">A float; default 1e-5.</param>
    /// <param name="momentum">A float; default 0.1.</param>
    /// <param name="scale">Whether it has a weight (gamma) (bool); default true. false: Keras' BatchNormalization(scale=False), bias and statistics only.</param>
    public BatchNorm2dAttribute(object? eps = null, object? momentum = null, object? scale = null)
    {
    }

    /// <summary>The argument <c>eps</c>: a float; default 1e-5.</summary>
    public object? Eps { get; set; }

    /// <summary>The argument <c>momentum</c>: a float; default 0.1.</summary>
    public object? Momentum { get; set; }

    /// <summary>The argument <c>scale</c>: whether it has a weight (gamma) (bool); default true.</summary>
    public object? Scale { get; set; }
}
