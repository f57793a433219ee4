using System.Collections.Generic;
using NetDsl.Collections;
using NetDsl.Semantics;

namespace NetDsl.Diagrams;

/// <summary>
/// One run of a scope during a network's check (the network, one block call, one group body): its path, every value's
/// shapes, its numbers, and the paths of each applied layer's copies (a layer left out by its condition has none).
/// </summary>
internal sealed class ScopeRun
{
    public ScopeRun(Scope scope, string path, IReadOnlyList<Shape[]?> values, IScalarScope scalars, Dictionary<ApplyInstruction, List<string>> applied)
    {
        Scope = scope;
        Path = path;
        Values = values;
        Scalars = scalars;
        Applied = applied;
    }

    public Scope Scope { get; }

    public string Path { get; }

    public IReadOnlyList<Shape[]?> Values { get; }

    public IScalarScope Scalars { get; }

    /// <summary>By instruction (told apart by identity): the path of each copy, in order.</summary>
    public Dictionary<ApplyInstruction, List<string>> Applied { get; }

    public static Dictionary<ApplyInstruction, List<string>> NewApplied() => new(ReferenceComparer<ApplyInstruction>.Instance);
}
