using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Elf;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Decides whether a native library can be loaded as is, needs a patched copy, or cannot be made to load:
/// nothing is copied unless the system lacks a needed version, and only known-harmless needs are ever weakened.
/// </summary>
internal static class NativeLibraryPreparer
{
    /// <param name="libraryPath">The library TorchSharp would load; only read, never modified.</param>
    /// <param name="locateProvider">Maps a DT_NEEDED name to the file the loader would use (see <see cref="SystemLibraryLocator"/>).</param>
    /// <param name="cacheRoot">Root of the patched-copy cache.</param>
    /// <exception cref="TorchNativeLoadException">Unreadable library, non-harmless missing versions, or unwritable cache.</exception>
    public static PreparedLibrary Prepare(string libraryPath, Func<string, string?> locateProvider, string cacheRoot)
    {
        var (original, analysis) = Inspect(libraryPath, locateProvider);
        if (!analysis.NeedsPatch)
            return new PreparedLibrary(libraryPath, libraryPath, null, analysis);

        var blocking = analysis.Blocking;
        if (blocking.Count > 0)
            throw new TorchNativeLoadException(LoadFailureMessages.NotPatchable(libraryPath, blocking),
                libraryPath, Versions(blocking), innerException: null);

        var bound = MissingVersionsBoundBySymbols(libraryPath, original, analysis);
        if (bound.Count > 0)
            throw new TorchNativeLoadException(LoadFailureMessages.BoundBySymbols(libraryPath, bound),
                libraryPath, Versions(bound), innerException: null);

        var copy = WritePatchedCopy(libraryPath, original, analysis, cacheRoot);
        return new PreparedLibrary(libraryPath, copy.Path, copy, analysis);
    }

    public static IReadOnlyList<string> Versions(IEnumerable<MissingVersion> missing) =>
        missing.Select(m => m.Key.Version).Distinct().ToList();

    private static (ElfFile Original, VersionNeedAnalysis Analysis) Inspect(string libraryPath, Func<string, string?> locateProvider)
    {
        try
        {
            var original = ElfFile.Read(libraryPath);
            return (original, VersionNeedAnalyzer.Analyze(original, locateProvider));
        }
        catch (ElfFormatException e)
        {
            throw new TorchNativeLoadException(LoadFailureMessages.Unreadable(libraryPath, e.Message),
                libraryPath, Array.Empty<string>(), e);
        }
    }

    // The harmless list is keyed by name only; this re-checks, for this very file, that no relocation binds a symbol
    // of a version about to be weakened (a future TorchSharp might start using one).
    private static IReadOnlyList<MissingVersion> MissingVersionsBoundBySymbols(string libraryPath, ElfFile original, VersionNeedAnalysis analysis)
    {
        try
        {
            var used = ElfRelocationVersionReader.ReadReferencedVersionIndices(original);
            return analysis.Missing.Where(m => used.Contains(m.VersionIndex)).ToList();
        }
        catch (ElfFormatException e)
        {
            throw new TorchNativeLoadException(LoadFailureMessages.Unreadable(libraryPath, e.Message),
                libraryPath, Versions(analysis.Missing), e);
        }
    }

    private static PatchedLibraryCopy WritePatchedCopy(string libraryPath, ElfFile original, VersionNeedAnalysis analysis, string cacheRoot)
    {
        byte[] patched;
        try
        {
            patched = ElfVersionNeedPatcher.MarkWeak(original, analysis.Missing.Select(m => m.Key).Distinct().ToList());
        }
        catch (ElfFormatException e)
        {
            throw new TorchNativeLoadException(LoadFailureMessages.Unreadable(libraryPath, e.Message),
                libraryPath, Versions(analysis.Missing), e);
        }

        try
        {
            return PatchedLibraryCache.GetOrCreate(cacheRoot, libraryPath, original.Bytes, patched);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TorchNativeLoadException(
                LoadFailureMessages.CacheNotWritable(libraryPath, cacheRoot, analysis.Missing, e.Message),
                libraryPath, Versions(analysis.Missing), e);
        }
    }
}
