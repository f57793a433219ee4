using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// One output of a C#-declared network, in order, the main one first: <c>[Output("logits", "x"), Output("aux", "a",
/// WhileTraining = true)]</c> is <c>output logits: x, aux: a if training</c> on the last line of a <c>.net</c> network.
/// With two or more, the generated module returns a record of them, <c>&lt;Network&gt;Output</c>.
/// </summary>
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OutputAttribute : Attribute
{
    /// <param name="name">The output's name (a NetDsl name; its record property is the name in Pascal case).</param>
    /// <param name="value">What it returns: NetDsl code in a string, a named value (<c>"x"</c>) or an expression over them (<c>"a |&gt; softmax"</c>).</param>
    public OutputAttribute(string name, string value)
    {
    }

    /// <summary>The output exists only while the network trains, as <c>if training</c>: in evaluation it is null and its layers do not run.</summary>
    public bool WhileTraining { get; set; }
}
