using System;

namespace NetDsl.Runtime.Elf;

/// <summary>
/// Thrown when a file is not a well-formed ELF64 little-endian object. The message always names the file
/// and the structure that was wrong, so a corrupt or unexpected native library is diagnosable from the log alone.
/// </summary>
internal sealed class ElfFormatException : Exception
{
    public ElfFormatException(string fileName, string problem)
        : base($"'{fileName}' is not a usable ELF64 little-endian file: {problem}")
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file (or label) that was being read.</summary>
    public string FileName { get; }

    /// <summary>What was wrong, without the file name.</summary>
    public string Problem { get; }
}
