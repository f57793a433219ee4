using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// 2-D max pooling (<c>maxpool</c>, nn.MaxPool2d). In a <c>.net</c> file: <c>maxpool(kernel, stride: kernel, padding: 0, ceil: false)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("maxpool")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2dAttribute : LayerAttribute
{
    /// <param name="kernel">Window size: an int or a pair (h, w).</param>
    /// <param name="stride">An int or a pair; default the kernel.</param>
    /// <param name="padding">An int, a pair, <c>"same"</c> or <c>"valid"</c>; default 0.</param>
    /// <param name="ceil">Round the output size up (bool); default false.</param>
    public MaxPool2dAttribute(object kernel, object? stride = null, object? padding = null, object? ceil = null)
    {
    }

    /// <summary>The argument <c>stride</c>: an int or a pair; default the kernel.</summary>
    public object? Stride { get; set; }

    /// <summary>The argument <c>padding</c>: an int, a pair, <c>"same"</c> or <c>"valid"</c>; default 0.</summary>
    public object? Padding { get; set; }

    /// <summary>The argument <c>ceil</c>: round the output size up (bool); default false.</summary>
    public object? Ceil { get; set; }
}
