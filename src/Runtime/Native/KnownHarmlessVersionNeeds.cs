using System.Collections.Generic;
using NetDsl.Runtime.Elf;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Version needs that may be marked weak because nothing in the library actually binds to a symbol of that version.
/// Anything else missing is a real incompatibility and must surface as an error, never be patched away.
/// </summary>
internal static class KnownHarmlessVersionNeeds
{
    private static readonly HashSet<VersionNeedKey> Keys = new()
    {
        // TorchSharp 0.107's libLibTorchSharp.so was linked by GCC 13, whose <iostream> emits a reference to
        // std::ios_base_library_init() (GLIBCXX_3.4.32). No relocation uses it, so on GCC 12 systems (Debian 12,
        // Ubuntu 22.04) the only effect of the missing version is the loader refusing the file.
        new VersionNeedKey("libstdc++.so.6", "GLIBCXX_3.4.32"),
    };

    public static bool Contains(VersionNeedKey key) => Keys.Contains(key);

    public static string Describe() => string.Join(", ", Keys);
}
