using System;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>A scalar expression that has no value (division by zero, overflow); becomes a diagnostic at its operator.</summary>
internal sealed class ScalarEvaluationException : Exception
{
    public ScalarEvaluationException(DslDescriptor descriptor, TextRange range, string message)
        : base(message)
    {
        Descriptor = descriptor;
        Range = range;
    }

    public DslDescriptor Descriptor { get; }

    public TextRange Range { get; }

    /// <summary>The value reads the size of a tensor whose shape is unknown after an error already reported: nothing new to say.</summary>
    public bool Unknown { get; init; }
}
