using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The Gaussian error linear unit (<c>gelu</c>, nn.GELU). In a <c>.net</c> file: <c>gelu</c>.
/// </summary>
[CatalogOp("gelu")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class GELUAttribute : LayerAttribute
{
}
