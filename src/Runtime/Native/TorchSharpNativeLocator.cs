using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Finds the libLibTorchSharp.so that TorchSharp 0.107 would load, probing where its own loader probes
/// (torch.LoadNativeBackend → NativeLibrary.TryLoad("LibTorchSharp", TorchSharp assembly)): the host's
/// NATIVE_DLL_SEARCH_DIRECTORIES (from deps.json), the TorchSharp assembly's folder, and finally the NuGet
/// global packages folder TorchSharp falls back to.
/// </summary>
internal static class TorchSharpNativeLocator
{
    public const string LibraryFileName = "libLibTorchSharp.so";
    private const string Rid = "linux-x64"; // TorchSharp 0.107 uses this RID for every Linux process.

    public static TorchSharpNativeLocation? Locate(Assembly torchSharpAssembly) =>
        Locate(CandidateFolders(torchSharpAssembly).ToList());

    internal static TorchSharpNativeLocation? Locate(IReadOnlyList<string> candidateFolders)
    {
        var libraryFolder = candidateFolders.FirstOrDefault(f => File.Exists(Path.Combine(f, LibraryFileName)));
        if (libraryFolder is null)
            return null;
        var dependencyFolders = new[] { libraryFolder }.Concat(candidateFolders).Distinct(StringComparer.Ordinal).ToList();
        return new TorchSharpNativeLocation(Path.Combine(libraryFolder, LibraryFileName), dependencyFolders);
    }

    internal static IEnumerable<string> CandidateFolders(Assembly torchSharpAssembly)
    {
        var folders = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
            folders.AddRange(searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        var assemblyFolder = Path.GetDirectoryName(torchSharpAssembly.Location);
        if (!string.IsNullOrEmpty(assemblyFolder))
        {
            folders.Add(assemblyFolder);
            folders.Add(Path.Combine(assemblyFolder, "runtimes", Rid, "native"));
        }

        folders.AddRange(NuGetPackageFolders(torchSharpAssembly));
        return folders
            .Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)))
            .Where(Directory.Exists)
            .Distinct(StringComparer.Ordinal);
    }

    // Mirrors TorchSharp's "Step 3" fallback: package folders in the NuGet cache, where libLibTorchSharp.so and the
    // libtorch binaries live in different packages.
    private static IEnumerable<string> NuGetPackageFolders(Assembly torchSharpAssembly)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(packages))
            yield break;

        var informational = torchSharpAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational?.Split('+')[0] ?? torchSharpAssembly.GetName().Version?.ToString(3);
        if (version is not null)
            yield return Path.Combine(packages, "torchsharp", version, "runtimes", Rid, "native");

        var libtorch = Path.Combine(packages, $"libtorch-cpu-{Rid}");
        if (!Directory.Exists(libtorch))
            yield break;
        // Newest first; the one TorchSharp was built against is normally the only one present.
        foreach (var versionFolder in Directory.GetDirectories(libtorch).OrderByDescending(ParseVersion))
            yield return Path.Combine(versionFolder, "runtimes", Rid, "native");
    }

    private static Version ParseVersion(string folder) =>
        Version.TryParse(Path.GetFileName(folder), out var v) ? v : new Version(0, 0);
}
