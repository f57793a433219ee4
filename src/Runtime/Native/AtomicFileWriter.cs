using System;
using System.IO;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Writes a file so that readers (including other processes doing the same thing at the same moment) see either
/// no file or a complete one: write a uniquely named temp file in the target's folder, flush it to disk, then
/// rename it over the target. rename(2) within one file system is atomic, and concurrent writers of identical
/// content make the last rename win harmlessly.
/// </summary>
internal static class AtomicFileWriter
{
    public static void Write(string targetPath, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(targetPath))
            ?? throw new ArgumentException($"'{targetPath}' has no parent folder", nameof(targetPath));
        Directory.CreateDirectory(directory);

        // Same folder, so the rename never crosses file systems; dot-prefixed so it is obviously transient.
        var tempPath = Path.Combine(directory, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                // fsync before the rename: otherwise a crash could leave a complete-looking name over partial data.
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, targetPath, overwrite: true);
        }
        finally
        {
            // Only still present if something failed before the rename.
            TryDelete(tempPath);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp file is harmless; the original error (if any) is the one worth reporting.
        }
    }
}
