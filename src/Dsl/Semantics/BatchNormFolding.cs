using System.Collections.Generic;

namespace NetDsl.Semantics;

/// <summary>
/// The pairs of a scope whose batch norm can be folded into the conv before it for inference (<c>FuseForInference</c>):
/// a plain child conv (or depthwise) whose output nothing but a plain child batch norm reads, neither optional nor
/// repeated, the conv's output not returned. A conv whose output also feeds a merge, another layer or an output keeps
/// its batch norm: folding would change what the others read.
/// </summary>
internal sealed class BatchNormFolding
{
    private readonly Dictionary<int, int> _convOfBatchNorm = new();
    private readonly HashSet<int> _convs = new();

    private BatchNormFolding(Scope scope)
    {
        var readers = new int[scope.Values.Count];
        foreach (var instruction in scope.Instructions)
        {
            foreach (var read in instruction.Reads) readers[read]++;
        }
        foreach (var output in scope.Outputs) readers[output.Value]++;
        if (scope.Output >= 0) readers[scope.Output]++;
        var producers = new Dictionary<int, ApplyInstruction>();
        foreach (var instruction in scope.Instructions)
        {
            if (instruction is not ApplyInstruction apply || !IsPlainChild(apply)) continue;
            producers[apply.Result] = apply;
            if (!apply.Layer.Op!.FoldsIntoPrevious || apply.Inputs.Count != 1) continue;
            var input = apply.Inputs[0];
            if (readers[input] != 1 || !producers.TryGetValue(input, out var conv) || !conv.Layer.Op!.TakesFoldedBatchNorm) continue;
            _convOfBatchNorm[apply.Result] = conv.Result;
            _convs.Add(conv.Result);
        }
    }

    public static BatchNormFolding Of(Scope scope) => new(scope);

    /// <summary>Whether the instruction of this result is a conv a batch norm is folded into.</summary>
    public bool IsFoldingConv(int result) => _convs.Contains(result);

    /// <summary>The result of the conv the batch norm of <paramref name="result"/> is folded into, or -1.</summary>
    public int ConvOf(int result) => _convOfBatchNorm.TryGetValue(result, out var conv) ? conv : -1;

    /// <summary>An op applied once, always, to one value (no condition, no repetition).</summary>
    private static bool IsPlainChild(ApplyInstruction apply) =>
        apply.Layer.Op is not null && apply.Condition is null && apply.Repeat is null && apply.Inputs.Count == 1;
}
