using System;
using System.IO;
using System.Text;

namespace NetDsl.Generator;

/// <summary>
/// A <c>.net</c> file the compiler refuses as binary. Roslyn gives no text for an additional file with two NUL characters
/// in a row and reports CS2015 once asked for it, so every network of the file would vanish behind a compiler error.
/// Such a file is read here instead, from the path the compiler gives, decoded as Roslyn decodes (its byte order mark,
/// else UTF-8 with U+FFFD for bytes that are not): its NULs are then ND0001 where they are, and the rest of it works.
/// Every other file is read by the compiler, whose text is also the editor's unsaved one.
/// </summary>
internal static class BinaryFiles
{
    /// <summary>Larger files are left to the compiler: no network is declared in 64 MB.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>The text of the file at <paramref name="path"/> when it holds two NULs in a row, else null.</summary>
    public static string? Read(string path)
    {
#pragma warning disable RS1035 // File IO in a generator: the one way to the text of a file the compiler will not read.
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxBytes) return null;
            using var reader = new StreamReader(info.FullName, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            var text = reader.ReadToEnd();
            return text.IndexOf("\0\0", StringComparison.Ordinal) >= 0 ? text : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
#pragma warning restore RS1035
    }
}
