using System.Collections.Generic;

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
}
