using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Softmax over channels / features, dim 1 (<c>softmax</c>, nn.Softmax). In a <c>.net</c> file: <c>softmax</c>.
/// </summary>
[CatalogOp("softmax")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxAttribute : LayerAttribute
{
}
