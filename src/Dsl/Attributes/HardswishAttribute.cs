using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Hard swish, MobileNet v3 (<c>hardswish</c>, nn.Hardswish). In a <c>.net</c> file: <c>hardswish</c>.
/// </summary>
[CatalogOp("hardswish")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class HardswishAttribute : LayerAttribute
{
}
