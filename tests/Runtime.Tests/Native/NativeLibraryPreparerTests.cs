using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using NetDsl.Runtime.Elf;
using NetDsl.Runtime.Native;
using NetDsl.Runtime.Tests.Elf;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

public sealed class NativeLibraryPreparerTests
{
    private static readonly string[] LibstdcxxNeeds = ElfVersionNeedReader.Read(ElfFile.Read(TestPaths.LibTorchSharp))
        .Single(n => n.File == "libstdc++.so.6").Entries.Select(e => e.Version).ToArray();

    [Fact]
    public void OnThisSystem_PatchesExactlyWhenTheSystemLibstdcxxLacksGlibcxx_3_4_32()
    {
        var systemLibstdcxx = SystemLibraryLocator.Locate("libstdc++.so.6", Array.Empty<string>())!;
        var systemHas32 = ElfVersionDefinitionReader.Read(ElfFile.Read(systemLibstdcxx)).Contains("GLIBCXX_3.4.32");
        var cacheRoot = Path.Combine(TestPaths.NewTempFolder(), "cache");

        var prepared = NativeLibraryPreparer.Prepare(TestPaths.LibTorchSharp, RealLocator, cacheRoot);

        if (systemHas32)
        {
            Assert.Null(prepared.PatchedCopy);
            Assert.Equal(TestPaths.LibTorchSharp, prepared.PathToLoad);
            Assert.False(Directory.Exists(cacheRoot));
            return;
        }
        var missing = Assert.Single(prepared.Analysis.Missing);
        Assert.Equal(new VersionNeedKey("libstdc++.so.6", "GLIBCXX_3.4.32"), missing.Key);
        var expectedFolder = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(TestPaths.LibTorchSharp))).ToLowerInvariant();
        Assert.Equal(Path.Combine(cacheRoot, expectedFolder, "libLibTorchSharp.so"), prepared.PathToLoad);
        Assert.True(prepared.PatchedCopy!.WasWritten);
        var weak = ElfVersionNeedReader.Read(ElfFile.Read(prepared.PathToLoad)).SelectMany(n => n.Entries).Where(e => e.IsWeak);
        Assert.Equal(new[] { "GLIBCXX_3.4.32" }, weak.Select(e => e.Version));
    }

    [Fact]
    public void SecondPreparation_ReusesTheCachedCopyWithoutRewritingIt()
    {
        var cacheRoot = Path.Combine(TestPaths.NewTempFolder(), "cache");
        var withoutGlibcxx32 = SyntheticLibstdcxx(LibstdcxxNeeds.Where(v => v != "GLIBCXX_3.4.32").ToArray());
        var first = NativeLibraryPreparer.Prepare(TestPaths.LibTorchSharp, LocatorWith(withoutGlibcxx32), cacheRoot);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first.PathToLoad, stamp);

        var second = NativeLibraryPreparer.Prepare(TestPaths.LibTorchSharp, LocatorWith(withoutGlibcxx32), cacheRoot);

        Assert.True(first.PatchedCopy!.WasWritten);
        Assert.False(second.PatchedCopy!.WasWritten);
        Assert.Equal(first.PathToLoad, second.PathToLoad);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(second.PathToLoad));
    }

    [Fact]
    public void WhenTheSystemProvidesEveryVersion_NothingIsCopied()
    {
        // A GCC 13+ libstdc++: defines everything the library needs, GLIBCXX_3.4.32 included.
        var cacheRoot = Path.Combine(TestPaths.NewTempFolder(), "cache");
        var gcc13 = SyntheticLibstdcxx(LibstdcxxNeeds);

        var prepared = NativeLibraryPreparer.Prepare(TestPaths.LibTorchSharp, LocatorWith(gcc13), cacheRoot);

        Assert.Empty(prepared.Analysis.Missing);
        Assert.Null(prepared.PatchedCopy);
        Assert.Equal(TestPaths.LibTorchSharp, prepared.PathToLoad);
        Assert.False(Directory.Exists(cacheRoot));
    }

    [Fact]
    public void WhenAVersionOutsideTheHarmlessListIsMissing_ItRefusesAndCopiesNothing()
    {
        var cacheRoot = Path.Combine(TestPaths.NewTempFolder(), "cache");
        var gcc11 = SyntheticLibstdcxx(LibstdcxxNeeds.Where(v => v is not "GLIBCXX_3.4.30" and not "GLIBCXX_3.4.32").ToArray());

        var error = Assert.Throws<TorchNativeLoadException>(() =>
            NativeLibraryPreparer.Prepare(TestPaths.LibTorchSharp, LocatorWith(gcc11), cacheRoot));

        Assert.Equal(new[] { "GLIBCXX_3.4.30" }, error.MissingVersions);
        Assert.Equal(TestPaths.LibTorchSharp, error.LibraryPath);
        Assert.Contains("GLIBCXX_3.4.30", error.Message);
        Assert.Contains(TestPaths.LibTorchSharp, error.Message);
        Assert.Contains("left untouched", error.Message);
        Assert.Contains("GCC 13", error.Message);
        Assert.False(Directory.Exists(cacheRoot));
    }

    [Fact]
    public void WhenARelocationBindsASymbolOfTheMissingVersion_ItRefusesEvenThoughTheNameIsOnTheHarmlessList()
    {
        // A stand-in for a future TorchSharp that really calls a GLIBCXX_3.4.32 function: re-tag the symbol of the
        // first symbol relocation with GLIBCXX_3.4.32's version index.
        var folder = TestPaths.NewTempFolder();
        var bytes = File.ReadAllBytes(TestPaths.LibTorchSharp);
        var elf = ElfFile.Parse("real", bytes);
        var index = ElfVersionNeedReader.Read(elf).SelectMany(n => n.Entries).Single(e => e.Version == "GLIBCXX_3.4.32").Index;
        var versym = elf.Sections.Single(s => s.Type == ElfConstants.SectionTypeVersionSymbols);
        var rela = elf.Sections.First(s => s.Type == ElfConstants.SectionTypeRela && s.Link == versym.Link);
        var symbol = Enumerable.Range(0, (int)(rela.Size / 24))
            .Select(i => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)rela.Offset + i * 24 + 8)) >> 32)
            .First(s => s != 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan((int)(versym.Offset + symbol * 2)), index);
        var library = Path.Combine(folder, "libLibTorchSharp.so");
        File.WriteAllBytes(library, bytes);
        var withoutGlibcxx32 = SyntheticLibstdcxx(LibstdcxxNeeds.Where(v => v != "GLIBCXX_3.4.32").ToArray());
        var cacheRoot = Path.Combine(folder, "cache");

        var error = Assert.Throws<TorchNativeLoadException>(() =>
            NativeLibraryPreparer.Prepare(library, LocatorWith(withoutGlibcxx32), cacheRoot));

        Assert.Equal(new[] { "GLIBCXX_3.4.32" }, error.MissingVersions);
        Assert.Contains("relocations bind symbols", error.Message);
        Assert.False(Directory.Exists(cacheRoot));
    }

    [Fact]
    public void NeedsAlreadyMarkedWeak_AreNotReportedMissing()
    {
        var folder = TestPaths.NewTempFolder();
        var library = Path.Combine(folder, "libweak.so");
        File.WriteAllBytes(library, new SyntheticElfBuilder().NeedsWeak("libstdc++.so.6", "GLIBCXX_99").Build());
        var provider = SyntheticLibstdcxx("GLIBCXX_3.4");

        var prepared = NativeLibraryPreparer.Prepare(library, LocatorWith(provider), Path.Combine(folder, "cache"));

        Assert.Empty(prepared.Analysis.Missing);
        Assert.Equal(library, prepared.PathToLoad);
    }

    [Fact]
    public void ProviderWithoutVersionDefinitions_SatisfiesEveryNeed()
    {
        // glibc accepts needs against an unversioned build of a library; so must the analysis.
        var folder = TestPaths.NewTempFolder();
        var unversioned = Path.Combine(folder, "libstdc++.so.6");
        File.WriteAllBytes(unversioned, new SyntheticElfBuilder().WithSoname("libstdc++.so.6").Build());

        var prepared = NativeLibraryPreparer.Prepare(TestPaths.LibTorchSharp, LocatorWith(unversioned), Path.Combine(folder, "cache"));

        Assert.DoesNotContain(prepared.Analysis.Missing, m => m.Key.File == "libstdc++.so.6");
    }

    [Fact]
    public void UnwritableCache_GivesAClearErrorNamingTheOverrideVariable()
    {
        var folder = TestPaths.NewTempFolder();
        var blocker = Path.Combine(folder, "not-a-folder");
        File.WriteAllText(blocker, "a file where the cache folder would have to be");
        var withoutGlibcxx32 = SyntheticLibstdcxx(LibstdcxxNeeds.Where(v => v != "GLIBCXX_3.4.32").ToArray());

        var error = Assert.Throws<TorchNativeLoadException>(() =>
            NativeLibraryPreparer.Prepare(TestPaths.LibTorchSharp, LocatorWith(withoutGlibcxx32), Path.Combine(blocker, "cache")));

        Assert.Contains("NETDSL_NATIVE_CACHE", error.Message);
        Assert.Contains("GLIBCXX_3.4.32", error.Message);
        Assert.Equal(new[] { "GLIBCXX_3.4.32" }, error.MissingVersions);
    }

    [Fact]
    public void CorruptLibrary_GivesAClearErrorWithTheElfProblemInside()
    {
        var folder = TestPaths.NewTempFolder();
        var corrupt = Path.Combine(folder, "libLibTorchSharp.so");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(TestPaths.LibTorchSharp).Take(1000).ToArray());

        var error = Assert.Throws<TorchNativeLoadException>(() =>
            NativeLibraryPreparer.Prepare(corrupt, RealLocator, Path.Combine(folder, "cache")));

        Assert.IsType<ElfFormatException>(error.InnerException);
        Assert.Contains(corrupt, error.Message);
        Assert.Contains("section header", error.Message);
    }

    private static string? RealLocator(string soname) =>
        SystemLibraryLocator.Locate(soname, new[] { Path.GetDirectoryName(TestPaths.LibTorchSharp)! });

    // Stands in a synthetic libstdc++ for the real one; other libraries (libc, libm, ...) resolve as usual.
    private static Func<string, string?> LocatorWith(string libstdcxx) =>
        soname => soname == "libstdc++.so.6" ? libstdcxx : RealLocator(soname);

    private static string SyntheticLibstdcxx(params string[] definedVersions)
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "libstdc++.so.6");
        File.WriteAllBytes(path, new SyntheticElfBuilder().WithSoname("libstdc++.so.6").Defines(definedVersions).Build());
        return path;
    }
}
