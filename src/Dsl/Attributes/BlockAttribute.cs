using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// Declares a reusable block in C#, as <c>block Name(params) { ... }</c> in a <c>.net</c> file: networks and other
/// blocks (in C# or in <c>.net</c> files) call it by its class name, with <see cref="CallAttribute"/> or in a
/// <see cref="LayersAttribute"/> string. Its parameters are <see cref="ParameterAttribute"/>s on the class; its body is
/// its layer attributes, as for <see cref="NetworkAttribute"/>.
/// </summary>
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BlockAttribute : Attribute
{
    /// <param name="inputs">
    /// The names of the inputs of a block that takes several (<c>[Block("x", "prev")]</c> is <c>input x, prev</c>); none
    /// for a block with one input, which its body calls <c>input</c>.
    /// </param>
    public BlockAttribute(params string[] inputs)
    {
    }
}
