using System.Collections.Generic;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// A learned tensor declared by a binding, <c>class_token = parameter(1, 1, 768, batch_axis: true)</c> (or a <c>buffer</c>):
/// the scope module's own state_dict entry <see cref="Name"/>, registered before its children's keys as PyTorch lists a
/// module's own parameters first, and a value of the scope, the same for every sample. <see cref="Layer"/> holds the
/// <see cref="Catalog.Ops.LearnedTensorOp"/> and its arguments.
/// </summary>
public sealed record LearnedTensorInstruction(int Result, LayerCall Layer, string Name, TextRange Range) : Instruction(Result, Range)
{
    /// <summary>
    /// None: the value is the module's own tensor (the generated forward reads only the batch size of the scope's first
    /// input, which the caller holds).
    /// </summary>
    public override IReadOnlyList<int> Reads => System.Array.Empty<int>();
}
