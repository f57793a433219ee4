using System.Linq;
using NetDsl.Runtime.Elf;
using Xunit;

namespace NetDsl.Runtime.Tests.Elf;

public sealed class ElfRelocationVersionReaderTests
{
    [Fact]
    public void RealLibTorchSharp_BindsEveryNeededVersionExceptGlibcxx_3_4_32()
    {
        // This is the fact the whole workaround rests on, checked on the shipped binary.
        var elf = ElfFile.Read(TestPaths.LibTorchSharp);
        var needs = ElfVersionNeedReader.Read(elf).SelectMany(n => n.Entries).ToList();

        var referenced = ElfRelocationVersionReader.ReadReferencedVersionIndices(elf);

        var unreferenced = needs.Where(e => !referenced.Contains(e.Index)).Select(e => e.Version);
        Assert.Equal(new[] { "GLIBCXX_3.4.32" }, unreferenced);
    }

    [Fact]
    public void FileWithoutSymbolVersions_ReferencesNoVersions()
    {
        var elf = ElfFile.Parse("plain", new SyntheticElfBuilder().Needs("libstdc++.so.6", "GLIBCXX_3.4").Build());

        Assert.Empty(ElfRelocationVersionReader.ReadReferencedVersionIndices(elf));
    }
}
