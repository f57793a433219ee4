using System;
using System.Collections.Generic;

namespace NetDsl.Runtime;

/// <summary>
/// TorchSharp's native library could not be loaded. The message says which library, what was tried, which symbol
/// versions were missing (if any) and what to do about it.
/// </summary>
public sealed class TorchNativeLoadException : Exception
{
    public TorchNativeLoadException(string message)
        : this(message, libraryPath: null, missingVersions: Array.Empty<string>(), innerException: null)
    {
    }

    public TorchNativeLoadException(string message, Exception? innerException)
        : this(message, libraryPath: null, missingVersions: Array.Empty<string>(), innerException)
    {
    }

    public TorchNativeLoadException(string message, string? libraryPath, IReadOnlyList<string> missingVersions, Exception? innerException)
        : base(message, innerException)
    {
        LibraryPath = libraryPath;
        MissingVersions = missingVersions ?? Array.Empty<string>();
    }

    /// <summary>The native library that failed to load, when it was found at all.</summary>
    public string? LibraryPath { get; }

    /// <summary>Symbol versions (e.g. "GLIBCXX_3.4.32") the library needs that this system does not provide.</summary>
    public IReadOnlyList<string> MissingVersions { get; }
}
