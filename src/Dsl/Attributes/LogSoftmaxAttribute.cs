using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The logarithm of the softmax over channels / features, dim 1 (nn.LogSoftmax). In a <c>.net</c> file: <c>log_softmax</c>.
/// </summary>
[CatalogOp("log_softmax")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class LogSoftmaxAttribute : LayerAttribute
{
}
