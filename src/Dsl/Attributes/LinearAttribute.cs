using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// A fully connected layer on a flat [N] input (<c>linear</c>, nn.Linear); the input size is inferred. With <c>weight</c> it uses an earlier layer's parameter as its weight (tied weights, nanoGPT's <c>lm_head</c>). In a <c>.net</c> file: <c>linear(out, in: inferred, bias: true, weight: a tied parameter)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("linear")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LinearAttribute : LayerAttribute
{
    /// <param name="out">Output features (int).</param>
    /// <param name="in">The expected input features (int), checked when given; default inferred.</param>
    /// <param name="bias">A bool; default true.</param>
    /// <param name="weight">The path of an earlier layer's parameter to use as the weight (tied weights, a string such as <c>"transformer.wte.weight"</c>); default its own.</param>
    public LinearAttribute(object @out, object? @in = null, object? bias = null, object? weight = null)
    {
    }

    /// <summary>The argument <c>in</c>: the expected input features (int), checked when given; default inferred.</summary>
    public object? In { get; set; }

    /// <summary>The argument <c>bias</c>: a bool; default true.</summary>
    public object? Bias { get; set; }

    /// <summary>The argument <c>weight</c>: the path of an earlier layer's parameter to use as the weight (tied weights); default its own.</summary>
    public object? Weight { get; set; }
}
