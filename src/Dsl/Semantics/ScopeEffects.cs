using System.Collections.Generic;

namespace NetDsl.Semantics;

/// <summary>
/// What a scope's forward does to the tensors its caller holds, as the caller's <see cref="MemoryPlan"/> sees a call of it
/// (a block, a group or a parallel body): which inputs autograd keeps, whether it keeps the result, and whether the
/// result may share an input's memory or be the very same tensor object.
/// </summary>
/// <param name="SavesInput">By input: the backward pass keeps that input (or memory it shares).</param>
/// <param name="SavesOutput">The backward pass keeps the result's memory (the scope ends in relu, or fed its result to a conv).</param>
/// <param name="OutputSharesInput">By input: the result may share that input's memory (a view, a skipped layer).</param>
/// <param name="OutputMayBeInput">By input: the result may be that input's tensor object itself (then it must not be released twice).</param>
public sealed record ScopeEffects(IReadOnlyList<bool> SavesInput, bool SavesOutput, IReadOnlyList<bool> OutputSharesInput, IReadOnlyList<bool> OutputMayBeInput)
{
    /// <summary>For a scope that could not be analysed: keeps everything, may return any input.</summary>
    public static ScopeEffects Unknown(int inputs)
    {
        var all = new bool[inputs];
        for (var i = 0; i < inputs; i++) all[i] = true;
        return new ScopeEffects(all, true, all, all);
    }
}
