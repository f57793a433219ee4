using System;
using System.Diagnostics;

namespace NetDsl;

/// <summary>
/// A layer of a C#-declared network or block (the attribute front-end): every catalog op has one subclass
/// (<see cref="Conv2dAttribute"/>, <see cref="ReLUAttribute"/>, ...), and <see cref="CallAttribute"/> calls a block.
/// Layers are listed on a <c>partial</c> property (a named stage, its name the state_dict prefix) or a <c>partial void</c>
/// method (an unnamed stage), in source order. The generator reads them at build time; they do nothing at run time.
/// </summary>
/// <remarks>
/// An argument is a number, a bool, a constant, an array of two integers for a pair (<c>new[] { 1, 7 }</c>), or a
/// NetDsl expression in a string (<c>"classes"</c>, <c>"f * 2"</c>, <c>"same"</c>, <c>"(1, 7)"</c>): the generator checks
/// it with the rules of the <c>.net</c> language, and reports a problem at the argument, inside the string if need be.
/// </remarks>
[Conditional("NETDSL_KEEP_ATTRIBUTES")]
public abstract class LayerAttribute : Attribute
{
    /// <summary>The layer's name in its scope (its state_dict prefix), as <c>label: op(...)</c> in a <c>.net</c> file; by default its index.</summary>
    public string? Label { get; set; }

    /// <summary>Repeats the layer as a chain of copies, as <c>op(...) * n</c>: an integer, a constant or an expression string.</summary>
    public object? Repeat { get; set; }
}
