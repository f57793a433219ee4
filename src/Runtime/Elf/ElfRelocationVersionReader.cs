using System.Collections.Generic;

namespace NetDsl.Runtime.Elf;

/// <summary>
/// Finds which version indices (vna_other / versym values) the file's dynamic relocations actually bind to.
/// A version need that no relocation uses can be marked weak without risk: the loader never has to resolve a
/// symbol of that version, so its absence cannot surface later as a "symbol lookup error" at call time.
/// </summary>
internal static class ElfRelocationVersionReader
{
    public static IReadOnlySet<ushort> ReadReferencedVersionIndices(ElfFile elf)
    {
        var referenced = new HashSet<ushort>();
        var versym = elf.FindFirstSection(ElfConstants.SectionTypeVersionSymbols);
        if (versym is null)
            return referenced; // no symbol versioning: no relocation can name a version
        var symbolTableIndex = versym.Link;
        var symbolCount = versym.Size / 2;

        foreach (var section in elf.Sections)
        {
            var entrySize = section.Type switch
            {
                ElfConstants.SectionTypeRela => ElfConstants.RelaSize,
                ElfConstants.SectionTypeRel => ElfConstants.RelSize,
                _ => 0,
            };
            // Relocations against other symbol tables (e.g. .symtab in object files) are not dynamic bindings.
            if (entrySize == 0 || section.Link != symbolTableIndex)
                continue;

            var count = section.Size / (ulong)entrySize;
            for (ulong i = 0; i < count; i++)
            {
                var what = $"relocation {i} of '{section.Name}'";
                var info = elf.ReadUInt64(section.Offset + i * (ulong)entrySize + 8, what);
                var symbol = info >> 32;
                if (symbol == 0)
                    continue; // relative relocations name no symbol
                if (symbol >= symbolCount)
                    throw elf.Fail($"{what} names symbol {symbol}, but '{versym.Name}' covers only {symbolCount} symbols");
                var version = elf.ReadUInt16(versym.Offset + symbol * 2, $"version of symbol {symbol}");
                referenced.Add((ushort)(version & ElfConstants.VersionIndexMask));
            }
        }
        return referenced;
    }
}
