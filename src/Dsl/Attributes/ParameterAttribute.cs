using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// A parameter of a C#-declared network or block, in source order: <c>[Parameter("classes", 10)]</c> is
/// <c>classes = 10</c> in a <c>.net</c> parameter list. Layers refer to it by name in a string argument:
/// <c>[Linear("classes")]</c>, <c>[Conv2d("f * 2", 3)]</c>.
/// </summary>
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>A parameter without a default (blocks only: a network is checked for its declared values).</summary>
    public ParameterAttribute(string name)
    {
    }

    /// <param name="name">The parameter's name, as in <c>.net</c> files (it becomes the generated constructor's parameter).</param>
    /// <param name="default">Its default: a number, a bool, a constant, or an expression string over earlier parameters (<c>"f1"</c>).</param>
    public ParameterAttribute(string name, object @default)
    {
    }

    /// <summary>The parameter's type, as <c>name: int</c>: <c>typeof(int)</c> (or <c>long</c>), <c>typeof(double)</c> (or <c>float</c>), <c>typeof(bool)</c>. By default, the type of the default, else int.</summary>
    public Type? Type { get; set; }
}
