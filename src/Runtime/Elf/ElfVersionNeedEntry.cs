namespace NetDsl.Runtime.Elf;

/// <summary>
/// One Vernaux record: a symbol version (e.g. GLIBCXX_3.4.32) that the file needs from <see cref="File"/>.
/// <see cref="FlagsOffset"/> is the file offset of vna_flags, which is what a patch rewrites.
/// </summary>
internal sealed record ElfVersionNeedEntry(string File, string Version, uint Hash, ushort Flags, ushort Index, ulong FlagsOffset)
{
    public bool IsWeak => (Flags & ElfConstants.VersionFlagWeak) != 0;
}
