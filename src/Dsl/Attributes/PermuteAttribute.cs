using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Reorders the axes of a sample: output axis i is input axis <c>dims[i]</c>, every axis once (<c>permute</c>, torchvision's
/// Permute). Axes count the sample's axes, batch excluded: <c>[Permute(1, 2, 0)]</c> is PyTorch's permute(0, 2, 3, 1),
/// [C, H, W] to [H, W, C]. In a <c>.net</c> file: <c>permute(dims...)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("permute")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PermuteAttribute : LayerAttribute
{
    /// <param name="dims">The input axis of each output axis (ints, negative from the last).</param>
    public PermuteAttribute(params object[] dims)
    {
    }
}
