using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Multi-head attention (<c>attention</c>), nn.MultiheadAttention (batch first): self-attention on a sequence [t, d], or cross-attention on a tuple (queries, memory); keys in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias. In a <c>.net</c> file:
/// <c>attention(heads, dropout: 0.0, bias: true, causal: false)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, or a NetDsl expression in a string (e.g. <c>"heads"</c>).</remarks>
[CatalogOp("attention")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class MultiheadAttentionAttribute : LayerAttribute
{
    /// <param name="heads">The number of heads (int), which must divide the width.</param>
    /// <param name="dropout">The dropout probability (float) while training; default 0.0.</param>
    /// <param name="bias">A bool; default true.</param>
    /// <param name="causal">Whether each token attends only to itself and those before it (bool); default false.</param>
    public MultiheadAttentionAttribute(object heads, object? dropout = null, object? bias = null, object? causal = null)
    {
    }

    /// <summary>The argument <c>dropout</c>: the dropout probability (float) while training; default 0.0.</summary>
    public object? Dropout { get; set; }

    /// <summary>The argument <c>bias</c>: a bool; default true.</summary>
    public object? Bias { get; set; }

    /// <summary>The argument <c>causal</c>: whether each token attends only to itself and those before it (bool); default false.</summary>
    public object? Causal { get; set; }
}
