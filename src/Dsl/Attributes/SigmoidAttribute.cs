using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The logistic sigmoid (<c>sigmoid</c>, nn.Sigmoid). In a <c>.net</c> file: <c>sigmoid</c>.
/// </summary>
[CatalogOp("sigmoid")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SigmoidAttribute : LayerAttribute
{
}
