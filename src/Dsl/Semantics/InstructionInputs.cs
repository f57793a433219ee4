using System.Collections.Generic;

namespace NetDsl.Semantics;

/// <summary>The values of its scope an instruction reads, and what a set of values is computed from.</summary>
internal static class InstructionInputs
{
    /// <summary>The value ids <paramref name="instruction"/> reads (its inputs, a select's two choices, an item's source).</summary>
    public static IEnumerable<int> Of(Instruction instruction)
    {
        switch (instruction)
        {
            case ApplyInstruction apply: return apply.Inputs;
            case MergeInstruction merge: return merge.Inputs;
            case GroupInstruction group: return new[] { group.Input };
            case FunctionInstruction function: return new[] { function.Input };
            case ArithmeticInstruction arithmetic: return new[] { arithmetic.Input };
            case ItemInstruction item: return new[] { item.Source };
            case SelectInstruction select: return new[] { select.WhenTrue, select.WhenFalse };
            default: return new int[0];
        }
    }

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
                foreach (var input in Of(producer)) pending.Push(input);
            }
        }
        return reached;
    }
}
