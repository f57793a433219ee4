using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace NetDsl.Runtime.Tests;

/// <summary>Locations shared by the tests: the real libLibTorchSharp.so and a private native cache.</summary>
internal static class TestPaths
{
    /// <summary>The libLibTorchSharp.so copied next to the test assembly (RuntimeIdentifier=linux-x64 flattens natives).</summary>
    public static string LibTorchSharp => Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

    /// <summary>Where this test run's TorchNative.EnsureLoaded keeps its patched copy, so runs never touch ~/.cache.</summary>
    public static string NativeCache { get; } = Path.Combine(Path.GetTempPath(), "netdsl-runtime-tests", "native-cache");

    public static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "netdsl-runtime-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    // Runs before any test, so TorchNative (process-wide, once) always sees the test cache.
    [ModuleInitializer]
    internal static void UseTestCache() =>
        Environment.SetEnvironmentVariable("NETDSL_NATIVE_CACHE", NativeCache);
}
