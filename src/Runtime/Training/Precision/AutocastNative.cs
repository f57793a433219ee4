using System;
using System.IO;
using System.Runtime.InteropServices;
using NetDsl.Runtime.Native;

namespace NetDsl.Runtime.Training;

/// <summary>
/// libtorch's autocast switches (<c>at::autocast</c> in libtorch_cpu). TorchSharp 0.107 has no autocast API, but
/// libtorch exports these functions; they take and return only small integers and booleans, so they are called by
/// their C++ (Itanium ABI) names, the names GCC and Clang give them on Linux and macOS. MSVC names them otherwise,
/// so on Windows mixed precision is refused with that reason.
/// </summary>
internal static class AutocastNative
{
    private const string Library = "libtorch_cpu";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetEnabled(sbyte device, byte enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate byte IsEnabled(sbyte device);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetDtype(sbyte device, sbyte dtype);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate sbyte GetDtype(sbyte device);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Nesting();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void Action0();

    private static readonly Lazy<Functions> Loaded = new(Load);

    private sealed record Functions(SetEnabled SetEnabled, IsEnabled IsEnabled, SetDtype SetDtype, GetDtype GetDtype,
        Nesting Increment, Nesting Decrement, Action0 ClearCache);

    /// <summary>Why autocast cannot be used here, or null when it can.</summary>
    public static string? Unavailable
    {
        get
        {
            try
            {
                _ = Loaded.Value;
                return null;
            }
            catch (NotSupportedException e)
            {
                return e.Message;
            }
        }
    }

    public static void SetAutocastEnabled(sbyte device, bool enabled) => Loaded.Value.SetEnabled(device, enabled ? (byte)1 : (byte)0);

    public static bool IsAutocastEnabled(sbyte device) => Loaded.Value.IsEnabled(device) != 0;

    public static void SetAutocastDtype(sbyte device, sbyte dtype) => Loaded.Value.SetDtype(device, dtype);

    public static sbyte GetAutocastDtype(sbyte device) => Loaded.Value.GetDtype(device);

    public static int IncrementNesting() => Loaded.Value.Increment();

    public static int DecrementNesting() => Loaded.Value.Decrement();

    public static void ClearCache() => Loaded.Value.ClearCache();

    private static Functions Load()
    {
        TorchNative.EnsureLoaded();
        if (OperatingSystem.IsWindows())
            throw new NotSupportedException(
                "mixed precision calls libtorch's autocast by its C++ names, which MSVC spells differently from GCC and Clang; it is available on Linux and macOS");
        var handle = Handle();
        T Get<T>(string name) where T : Delegate =>
            NativeLibrary.TryGetExport(handle, name, out var address)
                ? Marshal.GetDelegateForFunctionPointer<T>(address)
                : throw new NotSupportedException($"this libtorch does not export {name} (at::autocast), which mixed precision needs");
        return new Functions(
            Get<SetEnabled>("_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb"),
            Get<IsEnabled>("_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE"),
            Get<SetDtype>("_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE"),
            Get<GetDtype>("_ZN2at8autocast18get_autocast_dtypeEN3c1010DeviceTypeE"),
            Get<Nesting>("_ZN2at8autocast17increment_nestingEv"),
            Get<Nesting>("_ZN2at8autocast17decrement_nestingEv"),
            Get<Action0>("_ZN2at8autocast11clear_cacheEv"));
    }

    // The copy of libtorch_cpu this process already runs (on Linux the one TorchNative preloaded, found in the process's
    // mappings), never a second copy: autocast's switches are thread-local state of the library that runs the ops.
    private static IntPtr Handle()
    {
        var loaded = OperatingSystem.IsLinux() ? SystemLibraryLocator.FindLoaded(Library + ".so") : null;
        if (loaded is not null && NativeLibrary.TryLoad(loaded, out var handle))
            return handle;
        if (NativeLibrary.TryLoad(Library, typeof(AutocastNative).Assembly, null, out handle))
            return handle;
        throw new NotSupportedException($"{Library} is not loaded in this process, so libtorch's autocast cannot be reached");
    }
}
