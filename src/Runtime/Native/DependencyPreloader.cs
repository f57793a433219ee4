using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Loads a library's DT_NEEDED dependencies by full path from the folders they ship in. A relocated copy of
/// libLibTorchSharp.so has RUNPATH $ORIGIN pointing at the cache folder, where libtorch.so is absent; once a
/// dependency is loaded, glibc matches later DT_NEEDED lookups against its soname, so the copy links to these.
/// </summary>
internal static class DependencyPreloader
{
    /// <returns>The full paths that were loaded, in order.</returns>
    public static IReadOnlyList<string> Preload(IEnumerable<string> neededNames, IReadOnlyList<string> folders)
    {
        var loaded = new List<string>();
        foreach (var name in neededNames)
        {
            // Already in the process (libstdc++, libc, ...): the loader reuses it; loading a second file under the
            // same soname by path would give the process two copies.
            if (SystemLibraryLocator.FindLoaded(name) is not null)
                continue;
            var path = FindIn(name, folders);
            if (path is null)
                continue; // a system library the loader finds on its own
            NativeLibrary.Load(path);
            loaded.Add(path);
        }
        return loaded;
    }

    /// <summary>True when one of <paramref name="folders"/> holds a file named <paramref name="name"/>.</summary>
    public static bool Contains(string name, IReadOnlyList<string> folders) => FindIn(name, folders) is not null;

    private static string? FindIn(string name, IReadOnlyList<string> folders)
    {
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
