using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetDsl.Runtime.Elf;

/// <summary>
/// A parsed ELF64 little-endian file: the raw bytes plus its section table. Every read is bounds-checked and
/// failures become <see cref="ElfFormatException"/> naming the file, because the inputs are third-party binaries
/// and an IndexOutOfRangeException from deep inside a loader would tell a user nothing.
/// </summary>
internal sealed class ElfFile
{
    private readonly byte[] _bytes;

    private ElfFile(string fileName, byte[] bytes)
    {
        FileName = fileName;
        _bytes = bytes;
        Sections = ReadSections();
    }

    /// <summary>The path or label used in error messages.</summary>
    public string FileName { get; }

    /// <summary>The file's bytes. Callers must not mutate them; patchers copy first.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    public IReadOnlyList<ElfSection> Sections { get; }

    public static ElfFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ElfFormatException(path, $"the file could not be read ({e.Message})");
        }
        return Parse(path, bytes);
    }

    public static ElfFile Parse(string fileName, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(bytes);
        return new ElfFile(fileName, bytes);
    }

    public ElfSection? FindFirstSection(uint type)
    {
        foreach (var section in Sections)
            if (section.Type == type)
                return section;
        return null;
    }

    /// <summary>The string table a section's sh_link points at, validated to be a string table with file data.</summary>
    public ElfSection LinkedStringTable(ElfSection section)
    {
        if (section.Link >= Sections.Count)
            throw Fail($"section '{section.Name}' links to section {section.Link}, but there are only {Sections.Count} sections");
        var table = Sections[(int)section.Link];
        if (table.Type != ElfConstants.SectionTypeStringTable)
            throw Fail($"section '{section.Name}' links to section {table.Index} ('{table.Name}') of type 0x{table.Type:x}, which is not a string table");
        return table;
    }

    /// <summary>Reads a NUL-terminated string at <paramref name="offset"/> inside <paramref name="table"/>.</summary>
    public string ReadString(ElfSection table, ulong offset, string what)
    {
        if (offset >= table.Size)
            throw Fail($"{what}: string offset 0x{offset:x} is outside string table '{table.Name}' (size 0x{table.Size:x})");
        var start = checked((int)(table.Offset + offset));
        var end = checked((int)(table.Offset + table.Size));
        var terminator = Array.IndexOf(_bytes, (byte)0, start, end - start);
        if (terminator < 0)
            throw Fail($"{what}: string at offset 0x{offset:x} in '{table.Name}' is not NUL-terminated");
        return Encoding.UTF8.GetString(_bytes, start, terminator - start);
    }

    public ushort ReadUInt16(ulong offset, string what) =>
        BinaryPrimitives.ReadUInt16LittleEndian(Slice(offset, 2, what));

    public uint ReadUInt32(ulong offset, string what) =>
        BinaryPrimitives.ReadUInt32LittleEndian(Slice(offset, 4, what));

    public ulong ReadUInt64(ulong offset, string what) =>
        BinaryPrimitives.ReadUInt64LittleEndian(Slice(offset, 8, what));

    /// <summary>Throws unless [offset, offset+length) lies inside the file; overflow-safe.</summary>
    public void EnsureInFile(ulong offset, ulong length, string what)
    {
        var fileLength = (ulong)_bytes.Length;
        if (offset > fileLength || length > fileLength - offset)
            throw Fail($"{what} (offset 0x{offset:x}, length 0x{length:x}) extends past the end of the file (length 0x{fileLength:x})");
    }

    public ElfFormatException Fail(string problem) => new(FileName, problem);

    private ReadOnlySpan<byte> Slice(ulong offset, int length, string what)
    {
        EnsureInFile(offset, (ulong)length, what);
        return new ReadOnlySpan<byte>(_bytes, (int)offset, length);
    }

    private IReadOnlyList<ElfSection> ReadSections()
    {
        if (_bytes.Length < 4 || _bytes[0] != 0x7f || _bytes[1] != (byte)'E' || _bytes[2] != (byte)'L' || _bytes[3] != (byte)'F')
            throw Fail("bad magic (expected 0x7f 'E' 'L' 'F')");
        if (_bytes.Length < ElfConstants.HeaderSize)
            throw Fail($"truncated: {_bytes.Length} bytes is shorter than the {ElfConstants.HeaderSize}-byte ELF64 header");
        if (_bytes[4] != ElfConstants.ClassElf64)
            throw Fail($"ELF class {_bytes[4]} is not ELFCLASS64");
        if (_bytes[5] != ElfConstants.DataLittleEndian)
            throw Fail($"data encoding {_bytes[5]} is not little-endian");

        var sectionTableOffset = ReadUInt64(40, "e_shoff");
        var sectionHeaderSize = ReadUInt16(58, "e_shentsize");
        ulong sectionCount = ReadUInt16(60, "e_shnum");
        uint namesIndex = ReadUInt16(62, "e_shstrndx");

        if (sectionTableOffset == 0)
            return Array.Empty<ElfSection>(); // legal: a file without section headers simply has no sections to report
        if (sectionHeaderSize != ElfConstants.SectionHeaderSize)
            throw Fail($"e_shentsize is {sectionHeaderSize}, expected {ElfConstants.SectionHeaderSize}");

        // Files with >= 0xff00 sections store the real count and name index in section 0 (System V ABI).
        EnsureInFile(sectionTableOffset, ElfConstants.SectionHeaderSize, "section header 0");
        if (sectionCount == 0)
            sectionCount = ReadUInt64(sectionTableOffset + 32, "section 0 sh_size (extended section count)");
        if (namesIndex == ElfConstants.SectionIndexExtended)
            namesIndex = ReadUInt32(sectionTableOffset + 40, "section 0 sh_link (extended e_shstrndx)");

        if (sectionCount > (ulong)_bytes.Length / ElfConstants.SectionHeaderSize)
            throw Fail($"e_shnum {sectionCount} cannot fit in a file of {_bytes.Length} bytes");
        EnsureInFile(sectionTableOffset, sectionCount * ElfConstants.SectionHeaderSize, "section header table");

        var raw = new RawSection[sectionCount];
        for (ulong i = 0; i < sectionCount; i++)
            raw[i] = ReadRawSection(sectionTableOffset + i * ElfConstants.SectionHeaderSize, (int)i);

        RawSection? names = null;
        if (namesIndex != ElfConstants.SectionIndexUndefined)
        {
            if (namesIndex >= sectionCount)
                throw Fail($"e_shstrndx {namesIndex} is not below the section count {sectionCount}");
            names = raw[namesIndex];
            if (names.Value.Type != ElfConstants.SectionTypeStringTable)
                throw Fail($"e_shstrndx {namesIndex} points at a section of type 0x{names.Value.Type:x}, not a string table");
        }

        var sections = new ElfSection[sectionCount];
        for (var i = 0; i < raw.Length; i++)
            sections[i] = raw[i].ToSection(names is null ? "" : ReadSectionName(names.Value, raw[i]));
        return sections;
    }

    private RawSection ReadRawSection(ulong at, int index)
    {
        var section = new RawSection(
            index,
            NameOffset: ReadUInt32(at, "sh_name"),
            Type: ReadUInt32(at + 4, "sh_type"),
            Address: ReadUInt64(at + 16, "sh_addr"),
            Offset: ReadUInt64(at + 24, "sh_offset"),
            Size: ReadUInt64(at + 32, "sh_size"),
            Link: ReadUInt32(at + 40, "sh_link"),
            Info: ReadUInt32(at + 44, "sh_info"),
            EntrySize: ReadUInt64(at + 56, "sh_entsize"));
        if (section.Type != ElfConstants.SectionTypeNoBits && section.Type != 0)
            EnsureInFile(section.Offset, section.Size, $"section {index} contents");
        return section;
    }

    private string ReadSectionName(RawSection names, RawSection section)
    {
        var table = names.ToSection(".shstrtab");
        return ReadString(table, section.NameOffset, $"name of section {section.Index}");
    }

    private readonly record struct RawSection(
        int Index, uint NameOffset, uint Type, ulong Address, ulong Offset, ulong Size, uint Link, uint Info, ulong EntrySize)
    {
        public ElfSection ToSection(string name) =>
            new(Index, name, Type, Address, Offset, Size, Link, Info, EntrySize);
    }
}
