using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Elf;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Predicts "version `X' not found" loader failures: for every library named in the file's version needs, finds the
/// copy the loader would use and checks that it defines each needed version. Needs already marked weak are skipped,
/// since the loader tolerates them.
/// </summary>
internal static class VersionNeedAnalyzer
{
    /// <param name="library">The library about to be loaded.</param>
    /// <param name="locateProvider">Maps a DT_NEEDED name (e.g. libstdc++.so.6) to the file the loader would use, or null.</param>
    public static VersionNeedAnalysis Analyze(ElfFile library, Func<string, string?> locateProvider)
    {
        var missing = new List<MissingVersion>();
        var unlocated = new List<string>();
        foreach (var need in ElfVersionNeedReader.Read(library))
        {
            var strict = need.Entries.Where(e => !e.IsWeak).ToList();
            if (strict.Count == 0)
                continue;
            var providerPath = locateProvider(need.File);
            if (providerPath is null)
            {
                unlocated.Add(need.File);
                continue;
            }
            var provider = ElfFile.Read(providerPath);
            // glibc accepts any need against a provider with no version definitions at all (an unversioned build).
            if (provider.FindFirstSection(ElfConstants.SectionTypeVersionDefinitions) is null)
                continue;
            var defined = new HashSet<string>(ElfVersionDefinitionReader.Read(provider), StringComparer.Ordinal);
            missing.AddRange(strict
                .Where(e => !defined.Contains(e.Version))
                .Select(e => new MissingVersion(new VersionNeedKey(need.File, e.Version), providerPath, e.Index)));
        }
        return new VersionNeedAnalysis(missing, unlocated);
    }
}
