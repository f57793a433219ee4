using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The sigmoid-weighted linear unit, swish (<c>silu</c>, nn.SiLU). In a <c>.net</c> file: <c>silu</c>.
/// </summary>
[CatalogOp("silu")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SiLUAttribute : LayerAttribute
{
}
