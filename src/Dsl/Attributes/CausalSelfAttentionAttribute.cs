using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Multi-head attention (<c>gpt_attention</c>), nanoGPT's CausalSelfAttention: keys c_attn.weight, c_attn.bias, c_proj.weight, c_proj.bias; dropout on the attention weights and on the output. In a <c>.net</c> file:
/// <c>gpt_attention(heads, dropout: 0.0, bias: true, causal: true)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, or a NetDsl expression in a string (e.g. <c>"heads"</c>).</remarks>
[CatalogOp("gpt_attention")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class CausalSelfAttentionAttribute : LayerAttribute
{
    /// <param name="heads">The number of heads (int), which must divide the width.</param>
    /// <param name="dropout">The dropout probability (float) while training; default 0.0.</param>
    /// <param name="bias">A bool; default true.</param>
    /// <param name="causal">Whether each token attends only to itself and those before it (bool); default true.</param>
    public CausalSelfAttentionAttribute(object heads, object? dropout = null, object? bias = null, object? causal = null)
    {
    }

    /// <summary>The argument <c>dropout</c>: the dropout probability (float) while training; default 0.0.</summary>
    public object? Dropout { get; set; }

    /// <summary>The argument <c>bias</c>: a bool; default true.</summary>
    public object? Bias { get; set; }

    /// <summary>The argument <c>causal</c>: whether each token attends only to itself and those before it (bool); default true.</summary>
    public object? Causal { get; set; }
}
