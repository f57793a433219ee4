using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// ReLU capped at 6 (<c>relu6</c>, nn.ReLU6). In a <c>.net</c> file: <c>relu6</c>.
/// </summary>
[CatalogOp("relu6")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ReLU6Attribute : LayerAttribute
{
}
