using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using NetDsl.Runtime.Elf;
using NetDsl.Runtime.Native;
using TorchSharp;

namespace NetDsl.Runtime;

/// <summary>
/// Makes TorchSharp's native backend load. On Linux systems whose libstdc++ predates GCC 13 (Debian 12,
/// Ubuntu 22.04) TorchSharp 0.107's libLibTorchSharp.so is refused by the loader only because it declares an
/// unused need for GLIBCXX_3.4.32; there this loads a cached copy with that need marked weak instead. Everywhere
/// else it simply loads what TorchSharp would load. Before loading, it sets OMP_WAIT_POLICY=PASSIVE unless the
/// environment sets it (see <see cref="EnsureLoaded"/>).
/// </summary>
public static class TorchNative
{
    private static readonly object Gate = new();
    private static volatile bool _loaded;
    private static IntPtr _libraryHandle;
    private static bool _resolverInstalled;

    /// <summary>What the successful load used (null before it, or when TorchSharp located the library itself).</summary>
    internal static PreparedLibrary? Prepared { get; private set; }

    /// <summary>
    /// Loads TorchSharp's native library, patching a private copy first when this system needs it. Idempotent and
    /// thread-safe; call it before the first use of <c>TorchSharp.torch</c>, whose static constructor would
    /// otherwise attempt (and on affected systems permanently fail) the load itself.
    /// </summary>
    /// <remarks>
    /// Unless the process environment sets <c>OMP_WAIT_POLICY</c>, the first call sets it to <c>PASSIVE</c> in the
    /// native environment (libc's <c>setenv</c> on Linux and macOS, the process environment on Windows) before
    /// libtorch loads: libtorch's OpenMP threads then sleep when idle instead of spinning, which on a machine with
    /// few or busy cores makes training several times faster. OpenMP reads the variable once, as it starts; to choose
    /// another policy, set it before the process starts (on Linux and macOS, .NET's
    /// <c>Environment.SetEnvironmentVariable</c> does not reach native code).
    /// </remarks>
    /// <exception cref="TorchNativeLoadException">The library could not be loaded; the message says why and what to do.</exception>
    public static void EnsureLoaded()
    {
        if (_loaded)
            return;
        lock (Gate)
        {
            if (_loaded)
                return;
            Load();
            _loaded = true;
        }
    }

    private static void Load()
    {
        OpenMpWaitPolicy.PreferPassive();

        // typeof(...).Assembly does not run torch's static constructor; nothing below touches torch until the
        // native library is in place.
        var torchSharp = typeof(torch).Assembly;
        if (!OperatingSystem.IsLinux())
        {
            InitializeTorchSharp("TorchSharp's own loader", libraryPath: null, Array.Empty<MissingVersion>());
            return;
        }

        var location = TorchSharpNativeLocator.Locate(torchSharp);
        if (location is null)
        {
            LoadWithoutLocation(torchSharp);
            return;
        }

        var origin = Path.GetDirectoryName(location.LibraryPath)!;
        var prepared = NativeLibraryPreparer.Prepare(
            location.LibraryPath,
            name => SystemLibraryLocator.Locate(name, new[] { origin }),
            NativeCacheDirectory.Resolve());
        LoadAndRoute(torchSharp, location, prepared);
        Prepared = prepared;
    }

    /// <summary>The library every libtorch backend package (CPU or CUDA) provides.</summary>
    private const string BackendLibrary = "libtorch.so";

    // Loads the prepared file with its dependencies from the package folders, points TorchSharp's
    // [DllImport("LibTorchSharp")] calls at exactly that handle, then lets TorchSharp initialise.
    private static void LoadAndRoute(Assembly torchSharp, TorchSharpNativeLocation location, PreparedLibrary prepared)
    {
        var missing = prepared.Analysis.Missing;
        try
        {
            var needed = ElfDynamicReader.Read(ElfFile.Read(prepared.PathToLoad)).Needed;
            // NetDsl.Runtime brings managed TorchSharp (with libLibTorchSharp.so) only; libtorch is the backend package.
            if (needed.Contains(BackendLibrary) && SystemLibraryLocator.FindLoaded(BackendLibrary) is null && !DependencyPreloader.Contains(BackendLibrary, location.DependencyFolders))
                throw new TorchNativeLoadException(LoadFailureMessages.NoBackend(location.DependencyFolders), prepared.PathToLoad, Array.Empty<string>(), null);
            DependencyPreloader.Preload(needed, location.DependencyFolders);
            _libraryHandle = NativeLibrary.Load(prepared.PathToLoad);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or ElfFormatException)
        {
            throw new TorchNativeLoadException(
                LoadFailureMessages.LoadFailed(prepared.Description, prepared.PathToLoad, missing, e.Message),
                prepared.PathToLoad, NativeLibraryPreparer.Versions(missing), e);
        }

        InstallResolver(torchSharp);
        InitializeTorchSharp(prepared.Description, prepared.PathToLoad, missing);
    }

    private static void InstallResolver(Assembly torchSharp)
    {
        if (_resolverInstalled)
            return;
        try
        {
            NativeLibrary.SetDllImportResolver(torchSharp, ResolveTorchSharpImport);
            _resolverInstalled = true;
        }
        catch (InvalidOperationException)
        {
            // Someone else owns TorchSharp's resolver. The library is already loaded under its soname
            // (libLibTorchSharp.so), which the runtime's by-name probing reaches; InitializeTorchSharp verifies it.
        }
        try
        {
            // TorchVision (the transforms' rotation and hue) calls the same library.
            NativeLibrary.SetDllImportResolver(typeof(torchvision).Assembly, ResolveTorchSharpImport);
        }
        catch (InvalidOperationException)
        {
            // As above: by-name probing reaches the loaded copy.
        }
    }

    private static IntPtr ResolveTorchSharpImport(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName is "LibTorchSharp" or "libLibTorchSharp" or TorchSharpNativeLocator.LibraryFileName
            ? _libraryHandle
            : IntPtr.Zero;

    private static void LoadWithoutLocation(Assembly torchSharp)
    {
        try
        {
            InitializeTorchSharpCore();
        }
        catch (Exception e) when (e is not TorchNativeLoadException)
        {
            throw new TorchNativeLoadException(
                LoadFailureMessages.NotFound(TorchSharpNativeLocator.CandidateFolders(torchSharp), Innermost(e).Message), e);
        }
    }

    // Lets TorchSharp run its own initialisation (torch's static constructor and LoadNativeBackend), which now
    // finds the library already loaded, then makes one real native call so a broken route fails here, not later.
    private static void InitializeTorchSharp(string attempted, string? libraryPath, IReadOnlyList<MissingVersion> missing)
    {
        try
        {
            InitializeTorchSharpCore();
        }
        catch (Exception e) when (e is not TorchNativeLoadException)
        {
            throw new TorchNativeLoadException(
                LoadFailureMessages.LoadFailed(attempted, libraryPath ?? "(located by TorchSharp)", missing, Innermost(e).Message),
                libraryPath, NativeLibraryPreparer.Versions(missing), e);
        }
    }

    private static void InitializeTorchSharpCore()
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        _ = torch.get_num_threads();
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }
}
