using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NetDsl.Runtime.Native;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

public sealed class PatchedLibraryCacheTests
{
    private static readonly byte[] Original = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();
    private static readonly byte[] Patched = Original.Select((b, i) => i == 1234 ? (byte)(b | 2) : b).ToArray();

    [Fact]
    public void ExistingValidCopy_IsReusedNotRewritten()
    {
        var root = TestPaths.NewTempFolder();
        var first = PatchedLibraryCache.GetOrCreate(root, "/somewhere/libX.so", Original, Patched);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first.Path, stamp);

        var second = PatchedLibraryCache.GetOrCreate(root, "/somewhere/libX.so", Original, Patched);

        Assert.True(first.WasWritten);
        Assert.False(second.WasWritten);
        Assert.Equal(first.Path, second.Path);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(second.Path));
        Assert.Equal("libX.so", Path.GetFileName(second.Path));
    }

    [Fact]
    public void DamagedCopy_IsReplaced()
    {
        var root = TestPaths.NewTempFolder();
        var first = PatchedLibraryCache.GetOrCreate(root, "/somewhere/libX.so", Original, Patched);
        File.WriteAllBytes(first.Path, Patched.Take(1000).ToArray()); // e.g. left by a crashed non-atomic writer

        var second = PatchedLibraryCache.GetOrCreate(root, "/somewhere/libX.so", Original, Patched);

        Assert.True(second.WasWritten);
        Assert.Equal(Patched, File.ReadAllBytes(second.Path));
    }

    [Fact]
    public void DifferentOriginals_GetDifferentFolders()
    {
        var root = TestPaths.NewTempFolder();
        var other = Original.Reverse().ToArray();

        var a = PatchedLibraryCache.GetOrCreate(root, "/a/libX.so", Original, Patched);
        var b = PatchedLibraryCache.GetOrCreate(root, "/b/libX.so", other, other);

        Assert.NotEqual(Path.GetDirectoryName(a.Path), Path.GetDirectoryName(b.Path));
        Assert.Equal(Patched, File.ReadAllBytes(a.Path));
    }

    [Fact]
    public async Task ManyConcurrentCreators_AllEndWithOneCompleteCopyAndNoTempFiles()
    {
        var root = TestPaths.NewTempFolder();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => PatchedLibraryCache.GetOrCreate(root, "/somewhere/libX.so", Original, Patched))));

        Assert.Single(results.Select(r => r.Path).Distinct());
        Assert.Contains(results, r => r.WasWritten);
        Assert.Equal(Patched, File.ReadAllBytes(results[0].Path));
        Assert.Equal(new[] { results[0].Path }, Directory.GetFiles(Path.GetDirectoryName(results[0].Path)!));
    }
}
