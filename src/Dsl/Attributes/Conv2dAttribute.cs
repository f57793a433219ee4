using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// A 2-D convolution (<c>conv</c>, nn.Conv2d). In a <c>.net</c> file: <c>conv(filters, kernel, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("conv")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class Conv2dAttribute : LayerAttribute
{
    /// <param name="filters">Output channels (int).</param>
    /// <param name="kernel">Kernel size: an int or a pair (h, w).</param>
    /// <param name="stride">An int or a pair; default 1.</param>
    /// <param name="padding">An int, a pair, <c>"same"</c> or <c>"valid"</c>; default 0.</param>
    /// <param name="dilation">An int or a pair; default 1.</param>
    /// <param name="groups">An int dividing the input channels; default 1.</param>
    /// <param name="bias">A bool; default true.</param>
    public Conv2dAttribute(object filters, object kernel, object? stride = null, object? padding = null, object? dilation = null, object? groups = null, object? bias = null)
    {
    }

    /// <summary>The argument <c>stride</c>: an int or a pair; default 1.</summary>
    public object? Stride { get; set; }

    /// <summary>The argument <c>padding</c>: an int, a pair, <c>"same"</c> or <c>"valid"</c>; default 0.</summary>
    public object? Padding { get; set; }

    /// <summary>The argument <c>dilation</c>: an int or a pair; default 1.</summary>
    public object? Dilation { get; set; }

    /// <summary>The argument <c>groups</c>: an int dividing the input channels; default 1.</summary>
    public object? Groups { get; set; }

    /// <summary>The argument <c>bias</c>: a bool; default true.</summary>
    public object? Bias { get; set; }
}
