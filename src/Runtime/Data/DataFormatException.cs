using System;
using NetDsl.Runtime.Files;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Training data that cannot be used: a missing or empty folder, an unreadable image, a truncated or malformed IDX
/// file, a label count that does not match the image count. The message names the file or folder and says what to do.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string path, string message, Exception? inner = null)
        : base(MessageText.Escape($"{path}: {message}"), inner)
    {
        Path = path;
    }

    /// <summary>The file or folder at fault.</summary>
    public string Path { get; }
}
