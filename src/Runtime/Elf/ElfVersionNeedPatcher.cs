using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Runtime.Elf;

/// <summary>
/// Produces a copy of an ELF file in which chosen version needs carry VER_FLG_WEAK. glibc's loader then reports a
/// missing weak version only under LD_DEBUG instead of refusing to load the file. Only vna_flags bytes change.
/// </summary>
internal static class ElfVersionNeedPatcher
{
    /// <param name="elf">The original; its bytes are not modified.</param>
    /// <param name="toWeaken">(library, version) pairs, e.g. ("libstdc++.so.6", "GLIBCXX_3.4.32").</param>
    /// <returns>The patched bytes.</returns>
    public static byte[] MarkWeak(ElfFile elf, IReadOnlyCollection<VersionNeedKey> toWeaken)
    {
        ArgumentNullException.ThrowIfNull(elf);
        ArgumentNullException.ThrowIfNull(toWeaken);

        EnsureSectionMatchesDynamicTable(elf);

        var entries = ElfVersionNeedReader.Read(elf).SelectMany(need => need.Entries).ToList();
        var patched = elf.Bytes.ToArray();
        foreach (var key in toWeaken)
        {
            var matches = entries.Where(e => e.File == key.File && e.Version == key.Version).ToList();
            if (matches.Count == 0)
                throw elf.Fail($"it has no version need {key} to mark weak");
            foreach (var entry in matches)
            {
                var flags = (ushort)(entry.Flags | ElfConstants.VersionFlagWeak);
                BinaryPrimitives.WriteUInt16LittleEndian(patched.AsSpan(checked((int)entry.FlagsOffset), 2), flags);
            }
        }
        return patched;
    }

    // The loader reads version needs through DT_VERNEED (a virtual address), while this patcher finds them through
    // the section table. In a shared library both describe the same bytes; if they disagree the patch would be
    // silently ineffective, so refuse instead.
    private static void EnsureSectionMatchesDynamicTable(ElfFile elf)
    {
        var section = elf.FindFirstSection(ElfConstants.SectionTypeVersionNeeds);
        if (section is null)
            throw elf.Fail("it has no .gnu.version_r (SHT_GNU_verneed) section to patch");
        var dynamic = ElfDynamicReader.Read(elf);
        if (dynamic.VersionNeedsAddress is { } address && address != section.Address)
            throw elf.Fail($"DT_VERNEED points at 0x{address:x} but section '{section.Name}' is at 0x{section.Address:x}");
    }
}
