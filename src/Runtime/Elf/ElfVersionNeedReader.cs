using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Elf;

/// <summary>
/// Walks the Verneed/Vernaux chains of .gnu.version_r (SHT_GNU_verneed). These list, per library, the symbol
/// versions the dynamic loader insists on before it will load the file — the source of the
/// "version `GLIBCXX_3.4.32' not found" failure this runtime works around.
/// </summary>
internal static class ElfVersionNeedReader
{
    public static IReadOnlyList<ElfVersionNeed> Read(ElfFile elf)
    {
        var section = elf.FindFirstSection(ElfConstants.SectionTypeVersionNeeds);
        if (section is null)
            return Array.Empty<ElfVersionNeed>();
        var strings = elf.LinkedStringTable(section);

        // sh_info holds the number of Verneed records; each must fit in the section, which bounds the walk
        // even if vn_next links form a cycle.
        var count = section.Info;
        if ((ulong)count * ElfConstants.VerneedSize > section.Size)
            throw elf.Fail($"'{section.Name}' claims {count} Verneed records but is only 0x{section.Size:x} bytes long");

        var needs = new List<ElfVersionNeed>((int)count);
        ulong relative = 0;
        for (uint i = 0; i < count; i++)
        {
            var what = $"Verneed record {i} of '{section.Name}'";
            EnsureInSection(elf, section, relative, ElfConstants.VerneedSize, what);
            var at = section.Offset + relative;
            var version = elf.ReadUInt16(at, what);
            if (version != 1)
                throw elf.Fail($"{what} has vn_version {version}, expected 1");
            var auxCount = elf.ReadUInt16(at + 2, what);
            var file = elf.ReadString(strings, elf.ReadUInt32(at + 4, what), $"{what} vn_file");
            var auxOffset = elf.ReadUInt32(at + 8, what);
            var next = elf.ReadUInt32(at + 12, what);

            needs.Add(new ElfVersionNeed(file, ReadEntries(elf, section, strings, file, relative + auxOffset, auxCount, what)));

            if (next == 0)
            {
                if (i != count - 1)
                    throw elf.Fail($"{what} ends the Verneed chain, but sh_info says there are {count} records");
                break;
            }
            relative += next;
        }
        return needs;
    }

    private static IReadOnlyList<ElfVersionNeedEntry> ReadEntries(
        ElfFile elf, ElfSection section, ElfSection strings, string file, ulong relative, ushort count, string owner)
    {
        var entries = new List<ElfVersionNeedEntry>(count);
        for (var j = 0; j < count; j++)
        {
            var what = $"Vernaux record {j} of {owner} ({file})";
            EnsureInSection(elf, section, relative, ElfConstants.VernauxSize, what);
            var at = section.Offset + relative;
            var hash = elf.ReadUInt32(at, what);
            var flags = elf.ReadUInt16(at + 4, what);
            var index = elf.ReadUInt16(at + 6, what);
            var name = elf.ReadString(strings, elf.ReadUInt32(at + 8, what), $"{what} vna_name");
            var next = elf.ReadUInt32(at + 12, what);
            entries.Add(new ElfVersionNeedEntry(file, name, hash, flags, index, at + 4));

            if (next == 0)
            {
                if (j != count - 1)
                    throw elf.Fail($"{what} ends the Vernaux chain, but vn_cnt says there are {count} entries");
                break;
            }
            relative += next;
        }
        return entries;
    }

    internal static void EnsureInSection(ElfFile elf, ElfSection section, ulong relative, int length, string what)
    {
        if (relative > section.Size || (ulong)length > section.Size - relative)
            throw elf.Fail($"{what} at offset 0x{relative:x} does not fit in section '{section.Name}' (size 0x{section.Size:x})");
    }
}
