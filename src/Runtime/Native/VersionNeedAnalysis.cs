using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Runtime.Native;

/// <summary>
/// The outcome of comparing a library's version needs with what this system provides.
/// <see cref="UnlocatedLibraries"/> lists providers that could not be found, so their needs could not be checked.
/// </summary>
internal sealed record VersionNeedAnalysis(IReadOnlyList<MissingVersion> Missing, IReadOnlyList<string> UnlocatedLibraries)
{
    public bool NeedsPatch => Missing.Count > 0;

    public IReadOnlyList<MissingVersion> Blocking => Missing.Where(m => !m.IsKnownHarmless).ToList();
}
