using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Hard sigmoid, relu6(x + 3) / 6: MobileNet v3's squeeze-and-excitation gate (<c>hardsigmoid</c>, nn.Hardsigmoid). In a <c>.net</c> file: <c>hardsigmoid</c>.
/// </summary>
[CatalogOp("hardsigmoid")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class HardsigmoidAttribute : LayerAttribute
{
}
