using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Runtime.Native;

/// <summary>The wording of <see cref="TorchNativeLoadException"/> messages, kept in one place so each says what was tried and what to do.</summary>
internal static class LoadFailureMessages
{
    private const string UpgradeAdvice =
        "Install a libstdc++ from GCC 13 or newer (for example Debian 13, Ubuntu 24.04, or the ubuntu-toolchain-r/test " +
        "PPA on Ubuntu 22.04), or run in a container based on such a distribution.";

    public static string NotPatchable(string libraryPath, IReadOnlyList<MissingVersion> blocking) =>
        $"TorchSharp's native library '{libraryPath}' cannot load on this system: it needs " +
        $"{string.Join(", ", blocking)}. NetDsl only works around version needs it knows are unused " +
        $"({KnownHarmlessVersionNeeds.Describe()}); these are not among them, so the library was left untouched. {UpgradeAdvice}";

    public static string BoundBySymbols(string libraryPath, IReadOnlyList<MissingVersion> bound) =>
        $"TorchSharp's native library '{libraryPath}' cannot load on this system: it needs {string.Join(", ", bound)}, " +
        "and its relocations bind symbols of that version, so marking the need weak would only move the failure to the " +
        $"first call. The library was left untouched. {UpgradeAdvice}";

    public static string CacheNotWritable(string libraryPath, string cacheRoot, IEnumerable<MissingVersion> missing, string reason) =>
        $"TorchSharp's native library '{libraryPath}' needs {string.Join(", ", missing)}. NetDsl tried to write a " +
        $"patched copy (those version needs marked weak) into '{cacheRoot}' but could not: {reason}. " +
        $"Set the {NativeCacheDirectory.OverrideVariable} environment variable to a writable folder. {UpgradeAdvice}";

    public static string LoadFailed(string attempted, string libraryPath, IEnumerable<MissingVersion> missing, string reason)
    {
        var missingText = missing.Any()
            ? $" It needs {string.Join(", ", missing)}."
            : " Its symbol version needs all appeared satisfied by this system.";
        return $"TorchSharp's native library could not be loaded. Tried: {attempted} ('{libraryPath}').{missingText} " +
            $"The loader said: {reason} Make sure a native backend package (libtorch-cpu-linux-x64, or TorchSharp-cuda-linux " +
            $"for NVIDIA GPUs) is referenced and restored for this runtime. Set LD_DEBUG=libs,versions for the loader's own trace.";
    }

    public static string NotFound(IEnumerable<string> searched, string reason) =>
        $"TorchSharp's native library ({TorchSharpNativeLocator.LibraryFileName}) was not found in " +
        $"{string.Join(", ", searched.Select(f => $"'{f}'"))}, and TorchSharp's own loader failed too: {reason} " +
        $"Reference a native backend package so its files are copied to the output folder: {BackendAdvice}";

    /// <summary>The packages that provide libtorch, and where the choice is explained.</summary>
    public const string BackendAdvice =
        "libtorch-cpu-linux-x64 (CPU; also -osx-arm64, -win-x64, -win-arm64) or TorchSharp-cuda-linux (NVIDIA GPUs), " +
        "version 2.10.0 / 0.107.0 as TorchSharp 0.107 needs; `dotnet new netdsl` projects have the CPU one (docs/install.md).";

    public static string NoBackend(IEnumerable<string> searched) =>
        $"TorchSharp has no native backend: libtorch.so is in none of {string.Join(", ", searched.Select(f => $"'{f}'"))}. " +
        $"NetDsl.Runtime brings the managed TorchSharp only; add the backend for your machine: {BackendAdvice}";

    public static string Unreadable(string libraryPath, string reason) =>
        $"TorchSharp's native library '{libraryPath}' could not be inspected before loading: {reason} " +
        "The file may be damaged; clear the NuGet package cache entry for TorchSharp and restore again.";
}
