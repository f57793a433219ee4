using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The average over the whole map: [C, H, W] becomes [C] (<c>global_avgpool</c>, Keras GlobalAveragePooling2D). In a <c>.net</c> file: <c>global_avgpool</c>.
/// </summary>
[CatalogOp("global_avgpool")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool2dAttribute : LayerAttribute
{
}
