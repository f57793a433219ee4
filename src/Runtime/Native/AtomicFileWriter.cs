using System;
using System.IO;
using System.Text.RegularExpressions;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Writes a file so that readers (including other processes doing the same thing at the same moment) see either
/// no file or a complete one: write a uniquely named temp file in the target's folder, flush it to disk, then
/// rename it over the target. rename(2) within one file system is atomic, and concurrent writers of identical
/// content make the last rename win harmlessly. A process killed while writing leaves its temp file behind; the next
/// write of the same target deletes such leftovers (see <see cref="DeleteStaleTemporaries"/>).
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>A temp file untouched this long, and not open in a writer, is a leftover of a killed write.</summary>
    internal static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    public static void Write(string targetPath, ReadOnlyMemory<byte> content) =>
        Write(targetPath, stream => stream.Write(content.Span));

    public static void Write(string targetPath, Action<Stream> write)
    {
        var full = Path.GetFullPath(targetPath);
        var directory = Path.GetDirectoryName(full)
            ?? throw new ArgumentException($"'{targetPath}' has no parent folder", nameof(targetPath));
        Directory.CreateDirectory(directory);
        DeleteStaleTemporaries(full);

        // Same folder, so the rename never crosses file systems; dot-prefixed so it is obviously transient.
        var tempPath = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // FileShare.None holds a lock while this process writes, which tells DeleteStaleTemporaries it is alive.
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                // fsync before the rename: otherwise a crash could leave a complete-looking name over partial data.
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, full, overwrite: true);
        }
        finally
        {
            // Only still present if something failed before the rename.
            TryDelete(tempPath);
        }
    }

    /// <summary>
    /// Deletes the temp files of earlier writes of <paramref name="targetPath"/> that were killed before their rename:
    /// named <c>.&lt;file&gt;.&lt;32 hex digits&gt;.tmp</c>, untouched for <see cref="StaleAfter"/>, and not locked by a
    /// writer that is still running (its open lock makes this open fail).
    /// </summary>
    internal static void DeleteStaleTemporaries(string targetPath)
    {
        var directory = Path.GetDirectoryName(targetPath)!;
        var pattern = new Regex("^" + Regex.Escape("." + Path.GetFileName(targetPath) + ".") + "[0-9a-f]{32}\\.tmp$");
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(directory, "." + Path.GetFileName(targetPath) + ".*.tmp");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var candidate in candidates)
        {
            if (!pattern.IsMatch(Path.GetFileName(candidate)))
                continue;
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) < StaleAfter)
                    continue;
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    File.Delete(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Locked by a live writer, or already gone: not ours to remove.
            }
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
