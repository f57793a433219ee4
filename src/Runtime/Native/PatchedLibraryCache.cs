using System;
using System.IO;
using System.Security.Cryptography;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Stores patched copies of native libraries under cacheRoot/&lt;sha256 of the original&gt;/&lt;original file name&gt;.
/// Keying by the original's hash means a TorchSharp upgrade gets a fresh folder and two installs of the same
/// package share one copy. The original file is only ever read.
/// </summary>
internal static class PatchedLibraryCache
{
    public static PatchedLibraryCopy GetOrCreate(string cacheRoot, string originalPath, ReadOnlySpan<byte> originalBytes, byte[] patchedBytes)
    {
        var folder = Path.Combine(cacheRoot, Convert.ToHexString(SHA256.HashData(originalBytes)).ToLowerInvariant());
        var target = Path.Combine(folder, Path.GetFileName(originalPath));

        if (HasContent(target, patchedBytes))
            return new PatchedLibraryCopy(target, WasWritten: false);

        AtomicFileWriter.Write(target, patchedBytes);
        return new PatchedLibraryCopy(target, WasWritten: true);
    }

    // A full comparison (a few MB) rather than trusting the name: a truncated or stale file from an older,
    // buggier writer must be replaced, not loaded.
    private static bool HasContent(string path, byte[] expected)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != expected.Length)
                return false;
            return File.ReadAllBytes(path).AsSpan().SequenceEqual(expected);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
