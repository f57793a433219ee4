using System;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// A weight file is malformed, truncated, corrupted, hostile or of an unsupported kind. The message says what was
/// found, where (file and, when known, the record or offset) and what to do instead. Nothing was changed.
/// </summary>
public sealed class WeightFormatException : WeightException
{
    public WeightFormatException(string message, string? path = null, Exception? inner = null)
        : base(path is null ? message : $"{path}: {message}", inner)
    {
        Path = path;
    }

    /// <summary>The file that was being read or written, when known.</summary>
    public string? Path { get; }
}
