using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Average pooling to a fixed height x width whatever the input size (<c>adaptive_avgpool</c>, nn.AdaptiveAvgPool2d). In a <c>.net</c> file: <c>adaptive_avgpool(height, width: height)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("adaptive_avgpool")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class AdaptiveAvgPool2dAttribute : LayerAttribute
{
    /// <param name="height">Output height (int).</param>
    /// <param name="width">Output width (int); default the height.</param>
    public AdaptiveAvgPool2dAttribute(object height, object? width = null)
    {
    }

    /// <summary>The argument <c>width</c>: output width (int); default the height.</summary>
    public object? Width { get; set; }
}
