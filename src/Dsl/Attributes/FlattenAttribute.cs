using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Flattens a sample to a vector: [C, H, W] becomes [C*H*W] (<c>flatten</c>, nn.Flatten). In a <c>.net</c> file: <c>flatten</c>.
/// </summary>
[CatalogOp("flatten")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute
{
}
