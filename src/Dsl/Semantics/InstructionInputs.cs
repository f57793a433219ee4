using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Semantics;

/// <summary>What a set of values is computed from (<see cref="Instruction.Reads"/>, followed back).</summary>
internal static class InstructionInputs
{
    /// <summary>By value id: whether the value is one of <paramref name="values"/> or is read, directly or through others, to compute one.</summary>
    public static bool[] Reached(Scope scope, IEnumerable<int> values)
    {
        var producers = new Instruction?[scope.Values.Count];
        foreach (var instruction in scope.Instructions) producers[instruction.Result] = instruction;
        var reached = new bool[scope.Values.Count];
        var pending = new Stack<int>(values);
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            if (value < 0 || reached[value]) continue;
            reached[value] = true;
            if (producers[value] is { } producer)
            {
                foreach (var input in producer.Reads) pending.Push(input);
            }
        }
        return reached;
    }

    /// <summary>
    /// By value id: whether the value is computed only for outputs that exist only while training (torchvision's
    /// auxiliary heads): such an output reads it, directly or through others, and no other output does. All false for a
    /// scope without such outputs. The C# and the PyTorch emitters skip these values in evaluation.
    /// </summary>
    public static bool[] OnlyWhileTraining(Scope scope)
    {
        var result = new bool[scope.Values.Count];
        if (!scope.Outputs.Any(o => o.WhileTraining)) return result;
        var always = Reached(scope, scope.Outputs.Where(o => !o.WhileTraining).Select(o => o.Value));
        var training = Reached(scope, scope.Outputs.Where(o => o.WhileTraining).Select(o => o.Value));
        foreach (var instruction in scope.Instructions) result[instruction.Result] = training[instruction.Result] && !always[instruction.Result];
        return result;
    }
}
