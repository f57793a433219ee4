using System.Linq;
using NetDsl.Runtime.Elf;
using NetDsl.Runtime.Native;
using Xunit;

namespace NetDsl.Runtime.Tests.Elf;

public sealed class ElfReaderTests
{
    [Fact]
    public void VersionNeeds_OfRealLibTorchSharp_IncludeGlibcxx_3_4_32_FromLibstdcxx()
    {
        var needs = ElfVersionNeedReader.Read(ElfFile.Read(TestPaths.LibTorchSharp));

        var libstdcxx = Assert.Single(needs, n => n.File == "libstdc++.so.6");
        var entry = Assert.Single(libstdcxx.Entries, e => e.Version == "GLIBCXX_3.4.32");
        Assert.False(entry.IsWeak);
        // The file's other needs are read too (this is what `readelf -V` lists for it).
        Assert.Contains(libstdcxx.Entries, e => e.Version == "CXXABI_1.3");
        Assert.Contains(needs, n => n.File == "libc.so.6" && n.Entries.Any(e => e.Version == "GLIBC_2.2.5"));
        Assert.Equal(20, libstdcxx.Entries.Count);
    }

    [Fact]
    public void DynamicInfo_OfRealLibTorchSharp_NamesLibtorchDependenciesAndMatchesSectionAddress()
    {
        var elf = ElfFile.Read(TestPaths.LibTorchSharp);
        var dynamic = ElfDynamicReader.Read(elf);

        Assert.Equal("libLibTorchSharp.so", dynamic.Soname);
        Assert.Contains("libtorch.so", dynamic.Needed);
        Assert.Contains("libc10.so", dynamic.Needed);
        Assert.Contains("libtorch_cpu.so", dynamic.Needed);
        Assert.Equal(elf.FindFirstSection(ElfConstants.SectionTypeVersionNeeds)!.Address, dynamic.VersionNeedsAddress);
    }

    [Fact]
    public void VersionDefinitions_OfTheSystemLibstdcxx_ListGlibcxxVersions()
    {
        var path = SystemLibraryLocator.Locate("libstdc++.so.6", System.Array.Empty<string>());

        Assert.NotNull(path);
        var definitions = ElfVersionDefinitionReader.Read(ElfFile.Read(path!));
        Assert.Contains("GLIBCXX_3.4", definitions);
        Assert.Contains("CXXABI_1.3", definitions);
        Assert.DoesNotContain("libstdc++.so.6", definitions); // the VER_FLG_BASE record is the soname, not a version
    }

    [Fact]
    public void SyntheticFile_RoundTripsDefinitionsNeedsAndWeakFlags()
    {
        var bytes = new SyntheticElfBuilder()
            .WithSoname("libfake.so.2")
            .Defines("FAKE_1.0", "FAKE_2.0")
            .Needs("libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.32")
            .NeedsWeak("libc.so.6", "GLIBC_2.34")
            .Build();
        var elf = ElfFile.Parse("synthetic", bytes);

        Assert.Equal(new[] { "FAKE_1.0", "FAKE_2.0" }, ElfVersionDefinitionReader.Read(elf));
        var needs = ElfVersionNeedReader.Read(elf);
        Assert.Equal(new[] { "libstdc++.so.6", "libc.so.6" }, needs.Select(n => n.File));
        Assert.Equal(new[] { "GLIBCXX_3.4", "GLIBCXX_3.4.32" }, needs[0].Entries.Select(e => e.Version));
        Assert.True(needs[1].Entries.Single().IsWeak);
        var dynamic = ElfDynamicReader.Read(elf);
        Assert.Equal("libfake.so.2", dynamic.Soname);
        Assert.Equal(new[] { "libstdc++.so.6", "libc.so.6" }, dynamic.Needed);
    }

    [Fact]
    public void FileWithoutVersionSections_HasNoNeedsOrDefinitions()
    {
        var elf = ElfFile.Parse("plain", new SyntheticElfBuilder().Build());

        Assert.Empty(ElfVersionNeedReader.Read(elf));
        Assert.Empty(ElfVersionDefinitionReader.Read(elf));
    }
}
