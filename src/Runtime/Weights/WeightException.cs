using System;
using NetDsl.Runtime.Files;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// The one exception type the weight readers, writers and loader throw for anything about the file or the match:
/// a malformed or hostile file (<see cref="WeightFormatException"/>) or a strict load whose keys, shapes or dtypes
/// do not match the model (<see cref="WeightMismatchException"/>). Catch this type to handle both.
/// </summary>
public abstract class WeightException : Exception
{
    protected WeightException(string message, Exception? inner = null) : base(MessageText.Escape(message), inner) { }
}
