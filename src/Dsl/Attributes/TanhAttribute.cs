using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The hyperbolic tangent (<c>tanh</c>, nn.Tanh). In a <c>.net</c> file: <c>tanh</c>.
/// </summary>
[CatalogOp("tanh")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class TanhAttribute : LayerAttribute
{
}
