using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Names a stage: the child's state_dict prefix, instead of the one derived from the property's name
/// (<c>[Label("Conv2d_1a_3x3")]</c>). On a <c>partial void</c> method it makes the stage a named one.
/// </summary>
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LabelAttribute : Attribute
{
    /// <param name="name">The child's name: letters, digits and '_', not starting with a digit.</param>
    public LabelAttribute(string name)
    {
    }
}
