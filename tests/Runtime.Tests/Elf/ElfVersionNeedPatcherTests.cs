using System.IO;
using System.Linq;
using System.Security.Cryptography;
using NetDsl.Runtime.Elf;
using Xunit;

namespace NetDsl.Runtime.Tests.Elf;

public sealed class ElfVersionNeedPatcherTests
{
    private static readonly VersionNeedKey Glibcxx32 = new("libstdc++.so.6", "GLIBCXX_3.4.32");

    [Fact]
    public void MarkWeak_ChangesOnlyTheFlagsOfThatEntry()
    {
        var original = ElfFile.Read(TestPaths.LibTorchSharp);
        var originalBytes = original.Bytes.ToArray();
        var entry = ElfVersionNeedReader.Read(original).SelectMany(n => n.Entries).Single(e => e.Version == "GLIBCXX_3.4.32");

        var patched = ElfVersionNeedPatcher.MarkWeak(original, new[] { Glibcxx32 });

        Assert.Equal(originalBytes.Length, patched.Length);
        var differing = Enumerable.Range(0, patched.Length).Where(i => patched[i] != originalBytes[i]).ToList();
        Assert.Equal(new[] { (int)entry.FlagsOffset }, differing); // vna_flags is little-endian; WEAK (0x2) is in its low byte
        Assert.Equal(originalBytes[entry.FlagsOffset] | 0x2, patched[entry.FlagsOffset]);
        Assert.Equal(originalBytes[entry.FlagsOffset + 1], patched[entry.FlagsOffset + 1]);
    }

    [Fact]
    public void MarkWeak_ResultReadsBackWithOnlyThatNeedWeak()
    {
        var original = ElfFile.Read(TestPaths.LibTorchSharp);

        var patched = ElfFile.Parse("patched", ElfVersionNeedPatcher.MarkWeak(original, new[] { Glibcxx32 }));

        var before = ElfVersionNeedReader.Read(original).SelectMany(n => n.Entries).ToList();
        var after = ElfVersionNeedReader.Read(patched).SelectMany(n => n.Entries).ToList();
        Assert.Equal(before.Select(e => (e.File, e.Version, e.Index)), after.Select(e => (e.File, e.Version, e.Index)));
        Assert.Equal(new[] { "GLIBCXX_3.4.32" }, after.Where(e => e.IsWeak).Select(e => e.Version));
    }

    [Fact]
    public void MarkWeak_LeavesTheOriginalFileAndBufferUntouched()
    {
        var hashBefore = SHA256.HashData(File.ReadAllBytes(TestPaths.LibTorchSharp));
        var original = ElfFile.Read(TestPaths.LibTorchSharp);
        var bufferBefore = original.Bytes.ToArray();

        _ = ElfVersionNeedPatcher.MarkWeak(original, new[] { Glibcxx32 });

        Assert.Equal(bufferBefore, original.Bytes.ToArray());
        Assert.Equal(hashBefore, SHA256.HashData(File.ReadAllBytes(TestPaths.LibTorchSharp)));
    }

    [Fact]
    public void MarkWeak_OfAVersionTheFileDoesNotNeed_NamesFileAndVersion()
    {
        var original = ElfFile.Read(TestPaths.LibTorchSharp);

        var error = Assert.Throws<ElfFormatException>(() =>
            ElfVersionNeedPatcher.MarkWeak(original, new[] { new VersionNeedKey("libstdc++.so.6", "GLIBCXX_9.9") }));

        Assert.Contains(TestPaths.LibTorchSharp, error.Message);
        Assert.Contains("GLIBCXX_9.9", error.Message);
    }

    [Fact]
    public void MarkWeak_OnlyTouchesTheNamedLibrarysEntry()
    {
        // Same version name needed from two libraries: only the one named in the key is weakened.
        var elf = ElfFile.Parse("two-files", new SyntheticElfBuilder()
            .Needs("libstdc++.so.6", "GLIBCXX_3.4.32")
            .Needs("libother.so.1", "GLIBCXX_3.4.32")
            .Build());

        var patched = ElfFile.Parse("patched", ElfVersionNeedPatcher.MarkWeak(elf, new[] { Glibcxx32 }));

        var entries = ElfVersionNeedReader.Read(patched).SelectMany(n => n.Entries).ToList();
        Assert.True(entries.Single(e => e.File == "libstdc++.so.6").IsWeak);
        Assert.False(entries.Single(e => e.File == "libother.so.1").IsWeak);
    }
}
