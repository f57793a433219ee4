using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Leaky ReLU (<c>leaky_relu</c>, nn.LeakyReLU). In a <c>.net</c> file: <c>leaky_relu(slope: 0.01)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("leaky_relu")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LeakyReLUAttribute : LayerAttribute
{
    /// <param name="slope">The negative slope (float); default 0.01.</param>
    public LeakyReLUAttribute(object? slope = null)
    {
    }

    /// <summary>The argument <c>slope</c>: the negative slope (float); default 0.01.</summary>
    public object? Slope { get; set; }
}
