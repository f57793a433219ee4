using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// A learned row of <c>dim</c> features for each token id (<c>embedding</c>, nn.Embedding): ids [...] to [..., dim]. In a
/// <c>.net</c> file: <c>embedding(count, dim, weight: a tied parameter)</c>.
/// </summary>
/// <remarks>Every argument is a number, a constant, or a NetDsl expression in a string (e.g. <c>"vocab"</c>, <c>"transformer.wte.weight"</c>).</remarks>
[CatalogOp("embedding")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddingAttribute : LayerAttribute
{
    /// <param name="count">The number of rows (int): the vocabulary, or the longest sequence for positions.</param>
    /// <param name="dim">The features of each row (int).</param>
    /// <param name="weight">The path of an earlier layer's parameter to use as the weight (tied weights, a string); default its own.</param>
    public EmbeddingAttribute(object count, object dim, object? weight = null)
    {
    }

    /// <summary>The argument <c>weight</c>: the path of an earlier layer's parameter to use as the weight (tied weights, a string); default its own.</summary>
    public object? Weight { get; set; }
}
