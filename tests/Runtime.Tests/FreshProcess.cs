using System;
using System.Runtime.InteropServices;

namespace NetDsl.Runtime.Tests;

/// <summary>
/// The test assembly's entry point (instead of the test SDK's empty one), for tests that need a fresh process: in
/// the test host, libtorch is loaded long before any test runs. <c>dotnet NetDsl.Runtime.Tests.dll load-torch</c>
/// calls TorchNative.EnsureLoaded first thing and prints OMP_WAIT_POLICY as native code then sees it.
/// </summary>
public static class FreshProcess
{
    public const string LoadTorch = "load-torch";

    public static int Main(string[] args)
    {
        if (args is not [LoadTorch])
        {
            Console.Error.WriteLine($"usage: dotnet NetDsl.Runtime.Tests.dll {LoadTorch}");
            return 2;
        }
        TorchNative.EnsureLoaded();
        Console.WriteLine($"OMP_WAIT_POLICY={Marshal.PtrToStringUTF8(getenv("OMP_WAIT_POLICY")) ?? "(unset)"}");
        return 0;
    }

    // libc's own: on Unix, Environment.GetEnvironmentVariable may answer from .NET's copy of the environment.
    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr getenv(string name);
}
