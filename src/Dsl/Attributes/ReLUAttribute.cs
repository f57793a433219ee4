using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The rectified linear unit, max(x, 0) (<c>relu</c>, nn.ReLU). In a <c>.net</c> file: <c>relu</c>.
/// </summary>
[CatalogOp("relu")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ReLUAttribute : LayerAttribute
{
}
