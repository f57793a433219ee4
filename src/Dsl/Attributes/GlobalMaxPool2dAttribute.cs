using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// The maximum over the whole map: [C, H, W] becomes [C] (<c>global_maxpool</c>, Keras GlobalMaxPooling2D). In a <c>.net</c> file: <c>global_maxpool</c>.
/// </summary>
[CatalogOp("global_maxpool")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPool2dAttribute : LayerAttribute
{
}
