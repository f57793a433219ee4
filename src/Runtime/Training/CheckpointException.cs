using System;
using NetDsl.Runtime.Files;

namespace NetDsl.Runtime.Training;

/// <summary>A checkpoint that cannot be used: missing, not a checkpoint, truncated, corrupted, or for another model.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string path, string message, Exception? inner = null)
        : base(MessageText.Escape($"checkpoint {path}: {message}"), inner)
    {
        Path = path;
    }

    public string Path { get; }
}
