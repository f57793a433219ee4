using System.Collections.Generic;

namespace NetDsl.Semantics;

/// <summary>
/// Told what the <see cref="Checker"/> computes while it computes it, so a tool (the language server's hovers and
/// inlay hints) reads every shape of every call without a second evaluation. The build passes no observer.
/// </summary>
internal interface ICheckObserver
{
    /// <summary>One application of an op or block (each copy of a repetition is one) at <paramref name="path"/>, checked in <paramref name="scope"/>.</summary>
    /// <param name="parameters">Its trainable parameters; a block's include everything inside it.</param>
    /// <param name="multiplyAccumulates">Its multiply-accumulates for one sample; a block's include everything inside it.</param>
    /// <param name="op">An op's summary text, its arguments evaluated for this application (<see cref="CallText"/>); null for a block.</param>
    void LayerChecked(Scope scope, ApplyInstruction apply, string path, Shape output, long parameters, long multiplyAccumulates, string? op);

    /// <summary>
    /// A run of <paramref name="scope"/> (a network, one call of a block, one group body) has ended, completely or at
    /// its first error. <paramref name="values"/> holds each value's shapes by id (null where not computed, several for
    /// the copies of a parallel); <paramref name="scalars"/> evaluates the scope's numbers for this run.
    /// </summary>
    void ScopeChecked(Scope scope, string path, IReadOnlyList<Shape[]?> values, IScalarScope scalars, long parameters);
}
