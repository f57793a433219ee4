using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Passes its input through (<c>identity</c>, nn.Identity). In a <c>.net</c> file: <c>identity</c>.
/// </summary>
[CatalogOp("identity")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class IdentityAttribute : LayerAttribute
{
}
