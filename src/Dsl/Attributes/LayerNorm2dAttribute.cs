using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Layer normalisation of each pixel's channels of a [C, H, W] map (<c>layer_norm2d</c>, torchvision's LayerNorm2d in
/// ConvNeXt). In a <c>.net</c> file: <c>layer_norm2d(channels: inferred, eps: 1e-5, bias: true)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, or a NetDsl expression in a string (e.g. <c>"width"</c>).</remarks>
[CatalogOp("layer_norm2d")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LayerNorm2dAttribute : LayerAttribute
{
    /// <param name="channels">The channels (int), checked against the input; default inferred.</param>
    /// <param name="eps">A float; default 1e-5 (ConvNeXt uses 1e-6).</param>
    /// <param name="bias">A bool; default true.</param>
    public LayerNorm2dAttribute(object? channels = null, object? eps = null, object? bias = null)
    {
    }

    /// <summary>The argument <c>channels</c>: the channels (int), checked against the input; default inferred.</summary>
    public object? Channels { get; set; }

    /// <summary>The argument <c>eps</c>: a float; default 1e-5.</summary>
    public object? Eps { get; set; }

    /// <summary>The argument <c>bias</c>: a bool; default true.</summary>
    public object? Bias { get; set; }
}
