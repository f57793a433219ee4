namespace NetDsl.Runtime.Elf;

/// <summary>A symbol version needed from a library, e.g. GLIBCXX_3.4.32 from libstdc++.so.6.</summary>
internal readonly record struct VersionNeedKey(string File, string Version)
{
    public override string ToString() => $"{Version} (from {File})";
}
