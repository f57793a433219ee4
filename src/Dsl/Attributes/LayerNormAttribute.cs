using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Layer normalisation over the last axes (<c>layer_norm</c>, nn.LayerNorm): the last axis, or as many last axes as
/// <c>shape</c> lists (checked against the input). <c>bias: false</c> is nanoGPT's LayerNorm. In a <c>.net</c> file:
/// <c>layer_norm(shape: the last axis, eps: 1e-5, bias: true)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of integers for a list, or a NetDsl expression in a string (e.g. <c>"width"</c>).</remarks>
[CatalogOp("layer_norm")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <param name="shape">The normalised shape (int or ints), checked against the last axes of the input; default the last axis.</param>
    /// <param name="eps">A float; default 1e-5 (ViT and ConvNeXt use 1e-6).</param>
    /// <param name="bias">A bool; default true.</param>
    public LayerNormAttribute(object? shape = null, object? eps = null, object? bias = null)
    {
    }

    /// <summary>The argument <c>shape</c>: the normalised shape (int or ints), checked against the last axes of the input; default the last axis.</summary>
    public object? Shape { get; set; }

    /// <summary>The argument <c>eps</c>: a float; default 1e-5.</summary>
    public object? Eps { get; set; }

    /// <summary>The argument <c>bias</c>: a bool; default true.</summary>
    public object? Bias { get; set; }
}
