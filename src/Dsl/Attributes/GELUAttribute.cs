using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The Gaussian error linear unit (<c>gelu</c>, nn.GELU): exact, or with <c>tanh: true</c> the tanh approximation
/// (GPT-2's, nn.GELU(approximate='tanh')). In a <c>.net</c> file: <c>gelu</c>, <c>gelu(tanh: true)</c>.
/// </summary>
[CatalogOp("gelu")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class GELUAttribute : LayerAttribute
{
    /// <param name="tanh">A bool: the tanh approximation; default false (exact).</param>
    public GELUAttribute(object? tanh = null)
    {
    }

    /// <summary>The argument <c>tanh</c>: a bool, the tanh approximation; default false (exact).</summary>
    public object? Tanh { get; set; }
}
