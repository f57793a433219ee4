using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Elf;

/// <summary>
/// Reads the .dynamic section (SHT_DYNAMIC). The loader resolves a library's DT_NEEDED names relative to the
/// library's own folder ($ORIGIN), so a relocated copy needs to know them to have its dependencies pre-loaded.
/// </summary>
internal static class ElfDynamicReader
{
    public static ElfDynamicInfo Read(ElfFile elf)
    {
        var section = elf.FindFirstSection(ElfConstants.SectionTypeDynamic);
        if (section is null)
            return new ElfDynamicInfo(Array.Empty<string>(), null, null);
        var strings = elf.LinkedStringTable(section);

        var needed = new List<string>();
        string? soname = null;
        ulong? versionNeeds = null;
        var count = section.Size / ElfConstants.DynamicEntrySize;
        for (ulong i = 0; i < count; i++)
        {
            var at = section.Offset + i * ElfConstants.DynamicEntrySize;
            var what = $"dynamic entry {i}";
            var tag = (long)elf.ReadUInt64(at, what);
            var value = elf.ReadUInt64(at + 8, what);
            if (tag == ElfConstants.DynamicTagNull)
                break;
            if (tag == ElfConstants.DynamicTagNeeded)
                needed.Add(elf.ReadString(strings, value, $"{what} (DT_NEEDED)"));
            else if (tag == ElfConstants.DynamicTagSoname)
                soname = elf.ReadString(strings, value, $"{what} (DT_SONAME)");
            else if (tag == ElfConstants.DynamicTagVersionNeeds)
                versionNeeds = value;
        }
        return new ElfDynamicInfo(needed, soname, versionNeeds);
    }
}
