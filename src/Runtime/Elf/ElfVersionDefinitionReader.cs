using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Elf;

/// <summary>
/// Reads the version names a library defines (.gnu.version_d, SHT_GNU_verdef), e.g. every GLIBCXX_3.4.x that a
/// libstdc++ provides. Comparing these with another file's needs predicts a load failure without attempting the load.
/// </summary>
internal static class ElfVersionDefinitionReader
{
    public static IReadOnlyList<string> Read(ElfFile elf)
    {
        var section = elf.FindFirstSection(ElfConstants.SectionTypeVersionDefinitions);
        if (section is null)
            return Array.Empty<string>();
        var strings = elf.LinkedStringTable(section);

        var count = section.Info;
        if ((ulong)count * ElfConstants.VerdefSize > section.Size)
            throw elf.Fail($"'{section.Name}' claims {count} Verdef records but is only 0x{section.Size:x} bytes long");

        var names = new List<string>((int)count);
        ulong relative = 0;
        for (uint i = 0; i < count; i++)
        {
            var what = $"Verdef record {i} of '{section.Name}'";
            ElfVersionNeedReader.EnsureInSection(elf, section, relative, ElfConstants.VerdefSize, what);
            var at = section.Offset + relative;
            var version = elf.ReadUInt16(at, what);
            if (version != 1)
                throw elf.Fail($"{what} has vd_version {version}, expected 1");
            var flags = elf.ReadUInt16(at + 2, what);
            var auxCount = elf.ReadUInt16(at + 6, what);
            var auxOffset = elf.ReadUInt32(at + 12, what);
            var next = elf.ReadUInt32(at + 16, what);

            // The first Verdaux names the version; later ones name its parents, which are defined elsewhere.
            // The VER_FLG_BASE record names the file itself (its soname), which is not a symbol version.
            if (auxCount > 0 && (flags & ElfConstants.VersionFlagBase) == 0)
            {
                var auxWhat = $"Verdaux of {what}";
                ElfVersionNeedReader.EnsureInSection(elf, section, relative + auxOffset, ElfConstants.VerdauxSize, auxWhat);
                var nameOffset = elf.ReadUInt32(section.Offset + relative + auxOffset, auxWhat);
                names.Add(elf.ReadString(strings, nameOffset, $"{auxWhat} vda_name"));
            }

            if (next == 0)
            {
                if (i != count - 1)
                    throw elf.Fail($"{what} ends the Verdef chain, but sh_info says there are {count} records");
                break;
            }
            relative += next;
        }
        return names;
    }
}
