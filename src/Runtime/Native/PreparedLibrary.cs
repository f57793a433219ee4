using System.Linq;

namespace NetDsl.Runtime.Native;

/// <summary>
/// What to load: <see cref="PathToLoad"/> is the original library, or the patched cache copy when
/// <see cref="PatchedCopy"/> is set. <see cref="Analysis"/> explains why.
/// </summary>
internal sealed record PreparedLibrary(string OriginalPath, string PathToLoad, PatchedLibraryCopy? PatchedCopy, VersionNeedAnalysis Analysis)
{
    public string Description => PatchedCopy is null
        ? "loading it from its package folder"
        : $"loading a copy with {string.Join(", ", Analysis.Missing.Select(m => m.Key))} marked weak";
}
