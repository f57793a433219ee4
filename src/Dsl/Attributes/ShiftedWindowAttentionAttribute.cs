using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Swin's shifted-window multi-head self-attention on a channels-last [H, W, C] value (<c>window_attention</c>,
/// torchvision's ShiftedWindowAttention): state_dict keys relative_position_bias_table, relative_position_index,
/// qkv.weight, qkv.bias, proj.weight, proj.bias. In a <c>.net</c> file:
/// <c>window_attention(heads, window, shift: 0, qkv_bias: true, proj_bias: true, attention_dropout: 0.0, dropout: 0.0)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("window_attention")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ShiftedWindowAttentionAttribute : LayerAttribute
{
    /// <param name="heads">Attention heads (int), dividing the channels.</param>
    /// <param name="window">Window size: an int or a pair (h, w).</param>
    /// <param name="shift">Cyclic shift: an int or a pair, from 0 to window - 1; default 0 (Swin: half the window in every other block).</param>
    /// <param name="qkv_bias">Whether qkv has a bias (bool); default true.</param>
    /// <param name="proj_bias">Whether proj has a bias (bool); default true.</param>
    /// <param name="attention_dropout">Dropout of the attention weights while training (float); default 0.0.</param>
    /// <param name="dropout">Dropout of the output while training (float); default 0.0.</param>
    public ShiftedWindowAttentionAttribute(object heads, object window, object? shift = null, object? qkv_bias = null, object? proj_bias = null, object? attention_dropout = null, object? dropout = null)
    {
    }

    /// <summary>The argument <c>shift</c>: an int or a pair, from 0 to window - 1; default 0.</summary>
    public object? Shift { get; set; }

    /// <summary>The argument <c>qkv_bias</c>: whether qkv has a bias (bool); default true.</summary>
    public object? QkvBias { get; set; }

    /// <summary>The argument <c>proj_bias</c>: whether proj has a bias (bool); default true.</summary>
    public object? ProjBias { get; set; }

    /// <summary>The argument <c>attention_dropout</c>: dropout of the attention weights while training (float); default 0.0.</summary>
    public object? AttentionDropout { get; set; }

    /// <summary>The argument <c>dropout</c>: dropout of the output while training (float); default 0.0.</summary>
    public object? Dropout { get; set; }
}
