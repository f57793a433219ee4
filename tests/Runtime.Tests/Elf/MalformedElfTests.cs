using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Elf;
using Xunit;

namespace NetDsl.Runtime.Tests.Elf;

public sealed class MalformedElfTests
{
    private const string Name = "corrupt.so";
    private static readonly byte[] Real = File.ReadAllBytes(TestPaths.LibTorchSharp);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void TooShortForMagic_ReportsBadMagic(int length)
    {
        AssertRejected(Real.Take(length).ToArray(), "bad magic");
    }

    [Fact]
    public void BadMagic_IsRejected() => AssertRejected(Mutate(b => b[1] = (byte)'X'), "bad magic");

    [Fact]
    public void TruncatedHeader_IsRejected() => AssertRejected(Real.Take(40).ToArray(), "truncated");

    [Fact]
    public void Elf32_IsRejected() => AssertRejected(Mutate(b => b[4] = 1), "ELFCLASS64");

    [Fact]
    public void BigEndian_IsRejected() => AssertRejected(Mutate(b => b[5] = 2), "little-endian");

    [Fact]
    public void TruncatedBeforeSectionHeaders_IsRejected() =>
        AssertRejected(Real.Take(100_000).ToArray(), "section header");

    [Fact]
    public void SectionHeaderOffsetPastEnd_IsRejectedWithoutOverflow() =>
        AssertRejected(Mutate(b => WriteU64(b, 40, 0xffff_ffff_ffff_ff00)), "extends past the end of the file");

    [Fact]
    public void SectionCountTooLarge_IsRejected() =>
        AssertRejected(Mutate(b => WriteU16(b, 60, 0xfff0)), "e_shnum");

    [Fact]
    public void SectionNameTableIndexOutOfRange_IsRejected() =>
        AssertRejected(Mutate(b => WriteU16(b, 62, 0xfff0)), "e_shstrndx");

    [Fact]
    public void WrongSectionHeaderSize_IsRejected() =>
        AssertRejected(Mutate(b => WriteU16(b, 58, 40)), "e_shentsize");

    [Fact]
    public void VersionNeedSectionOffsetOutOfRange_IsRejected() =>
        AssertRejected(MutateVerneedHeader(24, (b, at) => WriteU64(b, at, (ulong)Real.Length - 4)), "section");

    [Fact]
    public void VersionNeedCountLargerThanSection_IsRejected() =>
        AssertRejected(MutateVerneedHeader(44, (b, at) => WriteU32(b, at, 100_000)), "claims 100000 Verneed records");

    [Fact]
    public void VersionNeedLinkedToNonStringTable_IsRejected() =>
        AssertRejected(MutateVerneedHeader(40, (b, at) => WriteU32(b, at, 0)), "not a string table");

    [Fact]
    public void VersionNeedLinkOutOfRange_IsRejected() =>
        AssertRejected(MutateVerneedHeader(40, (b, at) => WriteU32(b, at, 60_000)), "only");

    [Fact]
    public void VerneedNextPointingOutsideTheSection_IsRejected() =>
        AssertRejected(MutateVerneedData(12, (b, at) => WriteU32(b, at, 0x7fff_0000)), "does not fit in section");

    [Fact]
    public void VernauxNameOutsideStringTable_IsRejected()
    {
        // First Verneed's vn_aux is 16, so its first Vernaux starts at +16 and vna_name is at +24.
        AssertRejected(MutateVerneedData(24, (b, at) => WriteU32(b, at, 0x7fff_ffff)), "outside string table");
    }

    [Fact]
    public void VernauxCountLongerThanItsChain_IsRejected() =>
        AssertRejected(MutateVerneedData(2, (b, at) => WriteU16(b, at, 7)), "vn_cnt says there are 7");

    [Fact]
    public void RelocationNamingASymbolBeyondTheVersionTable_IsRejected()
    {
        var elf = ElfFile.Parse(Name, Real);
        var rela = elf.Sections.First(s => s.Type == ElfConstants.SectionTypeRela);
        // r_info's high half is the symbol index.
        AssertRejected(Mutate(b => WriteU64(b, (int)rela.Offset + 8, 0x00ff_ffff_0000_0007)), "covers only");
    }

    [Fact]
    public void UnterminatedString_IsRejected()
    {
        var bytes = new SyntheticElfBuilder().Needs("libstdc++.so.6", "GLIBCXX_3.4").Build();
        var elf = ElfFile.Parse(Name, bytes);
        var dynstr = elf.Sections.Single(s => s.Name == ".dynstr");
        bytes[dynstr.Offset + dynstr.Size - 1] = (byte)'x'; // the last string ("GLIBCXX_3.4") loses its NUL

        AssertRejected(bytes, "not NUL-terminated");
    }

    [Fact]
    public void RandomCorruptionOfHeadersAndVersionData_OnlyEverRaisesElfFormatException()
    {
        // Deterministic: a fixed seed, so a failure reproduces exactly.
        var random = new Random(20_260_000);
        var elf = ElfFile.Parse(Name, Real);
        var verneed = elf.Sections.Single(s => s.Type == ElfConstants.SectionTypeVersionNeeds);
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(Real.AsSpan(40));
        var regions = new (int Start, int Length)[]
        {
            (0, 64),
            (shoff, Real.Length - shoff),
            ((int)verneed.Offset, (int)verneed.Size),
        };

        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])Real.Clone();
            var (start, length) = regions[round % regions.Length];
            for (var flips = random.Next(1, 6); flips > 0; flips--)
                bytes[start + random.Next(length)] = (byte)random.Next(256);
            if (round % 7 == 0)
                Array.Resize(ref bytes, random.Next(bytes.Length));

            try
            {
                ReadEverything(bytes);
            }
            catch (ElfFormatException e)
            {
                Assert.Contains(Name, e.Message);
            }
        }
    }

    private static void ReadEverything(byte[] bytes)
    {
        var elf = ElfFile.Parse(Name, bytes);
        ElfVersionNeedReader.Read(elf);
        ElfVersionDefinitionReader.Read(elf);
        ElfDynamicReader.Read(elf);
        ElfRelocationVersionReader.ReadReferencedVersionIndices(elf);
        if (elf.FindFirstSection(ElfConstants.SectionTypeVersionNeeds) is not null)
        {
            var keys = ElfVersionNeedReader.Read(elf).SelectMany(n => n.Entries)
                .Select(e => new VersionNeedKey(e.File, e.Version)).Take(1).ToList();
            ElfVersionNeedPatcher.MarkWeak(elf, keys);
        }
    }

    private static void AssertRejected(byte[] bytes, string expectedProblem)
    {
        var error = Assert.Throws<ElfFormatException>(() => ReadEverything(bytes));
        Assert.Contains(Name, error.Message);
        Assert.Contains(expectedProblem, error.Message);
    }

    private static byte[] Mutate(Action<byte[]> change)
    {
        var bytes = (byte[])Real.Clone();
        change(bytes);
        return bytes;
    }

    // Changes a field of the .gnu.version_r section header; `field` is its offset within the 64-byte header.
    private static byte[] MutateVerneedHeader(int field, Action<byte[], int> change)
    {
        var elf = ElfFile.Parse(Name, Real);
        var index = elf.Sections.Single(s => s.Type == ElfConstants.SectionTypeVersionNeeds).Index;
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(Real.AsSpan(40));
        return Mutate(b => change(b, shoff + index * 64 + field));
    }

    // Changes bytes inside the .gnu.version_r contents; `offset` is relative to the section start.
    private static byte[] MutateVerneedData(int offset, Action<byte[], int> change)
    {
        var section = ElfFile.Parse(Name, Real).Sections.Single(s => s.Type == ElfConstants.SectionTypeVersionNeeds);
        return Mutate(b => change(b, (int)section.Offset + offset));
    }

    private static void WriteU16(byte[] b, int at, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), value);

    private static void WriteU32(byte[] b, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), value);

    private static void WriteU64(byte[] b, int at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), value);
}
