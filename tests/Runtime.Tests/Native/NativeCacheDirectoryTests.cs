using System.Collections.Generic;
using System.IO;
using NetDsl.Runtime.Native;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

public sealed class NativeCacheDirectoryTests
{
    [Fact]
    public void ExplicitOverride_WinsOverEverything()
    {
        var env = new Dictionary<string, string?> { ["NETDSL_NATIVE_CACHE"] = "/opt/cache", ["XDG_CACHE_HOME"] = "/xdg" };

        Assert.Equal("/opt/cache", NativeCacheDirectory.Resolve(k => env.GetValueOrDefault(k), "/home/u"));
    }

    [Fact]
    public void XdgCacheHome_IsUsedWhenAbsolute()
    {
        var env = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = "/xdg" };

        Assert.Equal(Path.Combine("/xdg", "netdsl", "native"), NativeCacheDirectory.Resolve(k => env.GetValueOrDefault(k), "/home/u"));
    }

    [Fact]
    public void RelativeXdgCacheHome_IsIgnoredAsTheSpecRequires()
    {
        var env = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = "relative/cache" };

        Assert.Equal(Path.Combine("/home/u", ".cache", "netdsl", "native"), NativeCacheDirectory.Resolve(k => env.GetValueOrDefault(k), "/home/u"));
    }

    [Fact]
    public void WithoutVariables_UsesHomeCache()
    {
        Assert.Equal(Path.Combine("/home/u", ".cache", "netdsl", "native"), NativeCacheDirectory.Resolve(_ => null, "/home/u"));
    }

    [Fact]
    public void WithoutHome_FallsBackToTemp()
    {
        Assert.StartsWith(Path.GetTempPath(), NativeCacheDirectory.Resolve(_ => null, home: null));
    }
}
