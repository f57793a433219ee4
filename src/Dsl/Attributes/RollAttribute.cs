using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Shifts elements cyclically along sample axes (<c>roll</c>, torch.roll): one shift per axis. Axes count the sample's
/// axes, batch excluded: <c>[Roll(new[] { -3, -3 }, new[] { 0, 1 })]</c> on [H, W, C] is PyTorch's
/// roll(shifts=(-3, -3), dims=(1, 2)). In a <c>.net</c> file: <c>roll(shifts, dims)</c>.
/// </summary>
/// <remarks>Every argument is a number, a bool, a constant, an array of two integers for a pair, or a NetDsl expression in a string (e.g. <c>"classes"</c>).</remarks>
[CatalogOp("roll")]
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class RollAttribute : LayerAttribute
{
    /// <param name="shifts">The shift of each axis (an int, an array of two, or a string such as <c>"(-3, -3, 1)"</c>).</param>
    /// <param name="dims">The axes (an int, an array of two, or a string such as <c>"(0, 1, 2)"</c>; negative from the last).</param>
    public RollAttribute(object shifts, object dims)
    {
    }
}
