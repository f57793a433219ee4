using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace NetDsl.Runtime.Tests;

/// <summary>Locations shared by the tests: the real libLibTorchSharp.so, a private native cache, and scratch folders.</summary>
internal static class TestPaths
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "netdsl-runtime-tests");

    // Scratch folders hold patched multi-megabyte copies; one folder per test process, removed when it exits.
    private static readonly string RunFolder = Path.Combine(Root, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>The libLibTorchSharp.so copied next to the test assembly (RuntimeIdentifier=linux-x64 flattens natives).</summary>
    public static string LibTorchSharp => Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

    /// <summary>
    /// Where this test run's TorchNative.EnsureLoaded keeps its patched copy, so runs never touch ~/.cache. Kept
    /// between runs on purpose: a later run then exercises the reuse path.
    /// </summary>
    public static string NativeCache { get; } = Path.Combine(Root, "native-cache");

    public static string NewTempFolder()
    {
        var folder = Path.Combine(RunFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    // Runs before any test, so TorchNative (process-wide, once) always sees the test cache.
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("NETDSL_NATIVE_CACHE", NativeCache);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteRunFolder();
        DeleteStaleRunFolders();
    }

    // The test host is not always given the chance to run ProcessExit: folders of runs whose process is gone go now.
    private static void DeleteStaleRunFolders()
    {
        if (!Directory.Exists(Root))
            return;
        foreach (var folder in Directory.GetDirectories(Root, "run-*"))
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[1], out var pid) || pid == Environment.ProcessId || IsRunning(pid))
                continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run may be deleting it at the same time.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void DeleteRunFolder()
    {
        try
        {
            if (Directory.Exists(RunFolder))
                Directory.Delete(RunFolder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftover scratch files in /tmp are not worth failing a test run over.
        }
    }
}
