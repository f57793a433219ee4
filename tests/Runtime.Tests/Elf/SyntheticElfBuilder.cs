using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace NetDsl.Runtime.Tests.Elf;

/// <summary>
/// Builds small, valid ELF64 little-endian files with chosen version definitions and needs, so tests can stand in
/// for a libstdc++ from another GCC release or for a library with other needs, without shipping binaries.
/// </summary>
internal sealed class SyntheticElfBuilder
{
    private const int SectionHeaderSize = 64;
    private readonly List<string> _definitions = new();
    private readonly List<(string File, List<(string Version, ushort Flags)> Entries)> _needs = new();
    private string _soname = "libsynthetic.so.1";

    public SyntheticElfBuilder WithSoname(string soname)
    {
        _soname = soname;
        return this;
    }

    public SyntheticElfBuilder Defines(params string[] versions)
    {
        _definitions.AddRange(versions);
        return this;
    }

    public SyntheticElfBuilder Needs(string file, params string[] versions) => AddNeeds(file, 0, versions);

    public SyntheticElfBuilder NeedsWeak(string file, params string[] versions) => AddNeeds(file, 2, versions);

    public byte[] Build()
    {
        var dynstr = new StringTable();
        dynstr.Add(_soname);
        var shstrtab = new StringTable();

        var sections = new List<Section>
        {
            new(".shstrtab", Type: 3, Link: 0, Info: 0, EntrySize: 0, Data: Array.Empty<byte>()), // filled below
            new(".dynstr", Type: 3, Link: 0, Info: 0, EntrySize: 0, Data: Array.Empty<byte>()),
        };
        if (_definitions.Count > 0)
            sections.Add(new(".gnu.version_d", 0x6ffffffd, Link: 2, Info: (uint)_definitions.Count + 1, EntrySize: 0, BuildVerdef(dynstr)));
        if (_needs.Count > 0)
            sections.Add(new(".gnu.version_r", 0x6ffffffe, Link: 2, Info: (uint)_needs.Count, EntrySize: 0, BuildVerneed(dynstr)));
        var dynamicIndex = sections.Count;
        sections.Add(new(".dynamic", 6, Link: 2, Info: 0, EntrySize: 16, Array.Empty<byte>())); // filled once addresses are known

        foreach (var section in sections)
            shstrtab.Add(section.Name);

        // Lay out: header, then section contents (8-aligned), then the section header table. Addresses equal offsets.
        var offsets = new ulong[sections.Count + 1];
        ulong position = 64;
        sections[0] = sections[0] with { Data = shstrtab.ToArray() };
        sections[1] = sections[1] with { Data = dynstr.ToArray() };
        sections[dynamicIndex] = sections[dynamicIndex] with { Data = new byte[16 * (3 + _needs.Count)] };
        for (var i = 0; i < sections.Count; i++)
        {
            position = Align(position);
            offsets[i + 1] = position;
            position += (ulong)sections[i].Data.Length;
        }
        var verneedIndex = sections.FindIndex(s => s.Type == 0x6ffffffe);
        sections[dynamicIndex] = sections[dynamicIndex] with
        {
            Data = BuildDynamic(dynstr, verneedIndex < 0 ? null : offsets[verneedIndex + 1]),
        };
        var sectionTable = Align(position);

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 });
        writer.Write(new byte[8]);
        writer.Write((ushort)3);          // e_type ET_DYN
        writer.Write((ushort)62);         // e_machine x86-64
        writer.Write(1u);                 // e_version
        writer.Write(0ul);                // e_entry
        writer.Write(0ul);                // e_phoff
        writer.Write(sectionTable);       // e_shoff
        writer.Write(0u);                 // e_flags
        writer.Write((ushort)64);         // e_ehsize
        writer.Write((ushort)56);         // e_phentsize
        writer.Write((ushort)0);          // e_phnum
        writer.Write((ushort)SectionHeaderSize);
        writer.Write((ushort)(sections.Count + 1));
        writer.Write((ushort)1);          // e_shstrndx

        for (var i = 0; i < sections.Count; i++)
        {
            Pad(writer, offsets[i + 1]);
            writer.Write(sections[i].Data);
        }
        Pad(writer, sectionTable);
        writer.Write(new byte[SectionHeaderSize]); // section 0 is always the null section
        for (var i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            writer.Write((uint)shstrtab.OffsetOf(s.Name));
            writer.Write(s.Type);
            writer.Write(2ul);                 // sh_flags SHF_ALLOC
            writer.Write(offsets[i + 1]);      // sh_addr
            writer.Write(offsets[i + 1]);      // sh_offset
            writer.Write((ulong)s.Data.Length);
            writer.Write(s.Link);
            writer.Write(s.Info);
            writer.Write(8ul);
            writer.Write(s.EntrySize);
        }
        writer.Flush();
        return stream.ToArray();
    }

    private SyntheticElfBuilder AddNeeds(string file, ushort flags, string[] versions)
    {
        var need = _needs.FirstOrDefault(n => n.File == file);
        if (need.Entries is null)
        {
            need = (file, new List<(string, ushort)>());
            _needs.Add(need);
        }
        need.Entries.AddRange(versions.Select(v => (v, flags)));
        return this;
    }

    private byte[] BuildVerdef(StringTable dynstr)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        var names = new[] { _soname }.Concat(_definitions).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            writer.Write((ushort)1);                       // vd_version
            writer.Write((ushort)(i == 0 ? 1 : 0));        // vd_flags: VER_FLG_BASE on the file's own record
            writer.Write((ushort)(i + 1));                 // vd_ndx
            writer.Write((ushort)1);                       // vd_cnt
            writer.Write(ElfHash(names[i]));
            writer.Write(20u);                             // vd_aux
            writer.Write(i == names.Count - 1 ? 0u : 28u); // vd_next
            writer.Write((uint)dynstr.Add(names[i]));      // vda_name
            writer.Write(0u);                              // vda_next
        }
        writer.Flush();
        return stream.ToArray();
    }

    private byte[] BuildVerneed(StringTable dynstr)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        ushort index = (ushort)(_definitions.Count + 2);
        for (var i = 0; i < _needs.Count; i++)
        {
            var (file, entries) = _needs[i];
            writer.Write((ushort)1);
            writer.Write((ushort)entries.Count);
            writer.Write((uint)dynstr.Add(file));
            writer.Write(16u);
            writer.Write(i == _needs.Count - 1 ? 0u : (uint)(16 + 16 * entries.Count));
            for (var j = 0; j < entries.Count; j++)
            {
                writer.Write(ElfHash(entries[j].Version));
                writer.Write(entries[j].Flags);
                writer.Write(index++);
                writer.Write((uint)dynstr.Add(entries[j].Version));
                writer.Write(j == entries.Count - 1 ? 0u : 16u);
            }
        }
        writer.Flush();
        return stream.ToArray();
    }

    private byte[] BuildDynamic(StringTable dynstr, ulong? verneedAddress)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        foreach (var (file, _) in _needs)
        {
            writer.Write(1L);
            writer.Write((ulong)dynstr.OffsetOf(file));
        }
        writer.Write(14L);
        writer.Write((ulong)dynstr.OffsetOf(_soname));
        if (verneedAddress is { } address)
        {
            writer.Write(0x6ffffffeL);
            writer.Write(address);
        }
        writer.Write(0L);
        writer.Write(0ul);
        var bytes = stream.ToArray();
        Array.Resize(ref bytes, 16 * (3 + _needs.Count)); // same size as reserved during layout
        return bytes;
    }

    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xf0000000;
            if (g != 0)
                h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    private static ulong Align(ulong value) => (value + 7) & ~7ul;

    private static void Pad(BinaryWriter writer, ulong offset)
    {
        while ((ulong)writer.BaseStream.Position < offset)
            writer.Write((byte)0);
    }

    private sealed record Section(string Name, uint Type, uint Link, uint Info, ulong EntrySize, byte[] Data);

    private sealed class StringTable
    {
        private readonly MemoryStream _bytes = new();
        private readonly Dictionary<string, int> _offsets = new();

        public StringTable() => _bytes.WriteByte(0);

        public int Add(string value)
        {
            if (_offsets.TryGetValue(value, out var existing))
                return existing;
            var offset = (int)_bytes.Length;
            var encoded = Encoding.UTF8.GetBytes(value);
            _bytes.Write(encoded);
            _bytes.WriteByte(0);
            _offsets[value] = offset;
            return offset;
        }

        public int OffsetOf(string value) => _offsets[value];

        public byte[] ToArray() => _bytes.ToArray();
    }
}
