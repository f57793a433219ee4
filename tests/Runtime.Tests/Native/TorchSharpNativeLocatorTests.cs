using System.IO;
using NetDsl.Runtime.Native;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

public sealed class TorchSharpNativeLocatorTests
{
    [Fact]
    public void Locate_FindsTheLibraryCopiedNextToTheApplication_WithItsLibtorchFolderFirst()
    {
        var location = TorchSharpNativeLocator.Locate(typeof(TorchSharp.torch).Assembly);

        Assert.NotNull(location);
        Assert.Equal(TestPaths.LibTorchSharp, location!.LibraryPath);
        Assert.Equal(Path.GetDirectoryName(TestPaths.LibTorchSharp), location.DependencyFolders[0]);
        Assert.True(File.Exists(Path.Combine(location.DependencyFolders[0], "libtorch_cpu.so")));
    }

    [Fact]
    public void Locate_InFoldersWithoutTheLibrary_ReturnsNull()
    {
        Assert.Null(TorchSharpNativeLocator.Locate(new[] { TestPaths.NewTempFolder() }));
    }
}
