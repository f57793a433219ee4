namespace NetDsl.Runtime.Elf;

/// <summary>The few ELF constants this reader needs, named as in the System V ABI and glibc's elf.h.</summary>
internal static class ElfConstants
{
    public const int HeaderSize = 64;
    public const int SectionHeaderSize = 64;
    public const byte ClassElf64 = 2;
    public const byte DataLittleEndian = 1;

    public const ushort SectionIndexUndefined = 0;
    public const ushort SectionIndexExtended = 0xffff; // SHN_XINDEX: real value lives in section 0

    public const uint SectionTypeStringTable = 3;      // SHT_STRTAB
    public const uint SectionTypeDynamic = 6;          // SHT_DYNAMIC
    public const uint SectionTypeRela = 4;             // SHT_RELA
    public const uint SectionTypeNoBits = 8;           // SHT_NOBITS: occupies no file space
    public const uint SectionTypeRel = 9;              // SHT_REL
    public const uint SectionTypeVersionSymbols = 0x6fffffff;     // SHT_GNU_versym
    public const uint SectionTypeVersionDefinitions = 0x6ffffffd; // SHT_GNU_verdef
    public const uint SectionTypeVersionNeeds = 0x6ffffffe;       // SHT_GNU_verneed

    public const int VerneedSize = 16;
    public const int VernauxSize = 16;
    public const int VerdefSize = 20;
    public const int VerdauxSize = 8;
    public const int DynamicEntrySize = 16;
    public const int RelaSize = 24;
    public const int RelSize = 16;
    public const ushort VersionIndexMask = 0x7fff; // the top bit of a versym entry marks a hidden symbol

    public const ushort VersionFlagBase = 0x1; // VER_FLG_BASE: the verdef naming the file itself
    public const ushort VersionFlagWeak = 0x2; // VER_FLG_WEAK: a missing version is not fatal

    public const long DynamicTagNull = 0;    // DT_NULL
    public const long DynamicTagNeeded = 1;  // DT_NEEDED
    public const long DynamicTagSoname = 14; // DT_SONAME
    public const long DynamicTagVersionNeeds = 0x6ffffffe; // DT_VERNEED
}
