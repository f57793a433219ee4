namespace NetDsl.Runtime.Elf;

/// <summary>One ELF64 section header, as read from the file (offsets are file offsets).</summary>
internal sealed record ElfSection(
    int Index,
    string Name,
    uint Type,
    ulong Address,
    ulong Offset,
    ulong Size,
    uint Link,
    uint Info,
    ulong EntrySize)
{
    /// <summary>SHT_NOBITS sections (.bss) have a size but no bytes in the file.</summary>
    public bool HasFileData => Type != ElfConstants.SectionTypeNoBits && Type != 0;
}
