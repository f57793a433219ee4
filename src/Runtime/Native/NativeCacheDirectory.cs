using System;
using System.IO;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Where patched native libraries are kept between runs. Per user (never next to the NuGet cache, which may be
/// shared or read-only), overridable for CI and locked-down machines.
/// </summary>
internal static class NativeCacheDirectory
{
    public const string OverrideVariable = "NETDSL_NATIVE_CACHE";

    public static string Resolve() =>
        Resolve(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static string Resolve(Func<string, string?> getVariable, string? home)
    {
        var explicitRoot = getVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(explicitRoot))
            return Path.GetFullPath(explicitRoot);

        // The XDG base-directory spec says relative values must be ignored.
        var xdg = getVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, "netdsl", "native");

        if (!string.IsNullOrEmpty(home))
            return Path.Combine(home, ".cache", "netdsl", "native");

        // No home at all (some service accounts): a per-user temp folder still works, it is just not kept.
        return Path.Combine(Path.GetTempPath(), $"netdsl-native-{Environment.UserName}");
    }
}
