using System;
using System.Runtime.InteropServices;
using NetDsl.Runtime.Tests.Hostile;

namespace NetDsl.Runtime.Tests;

/// <summary>
/// The test assembly's entry point (instead of the test SDK's empty one), for tests that need a fresh process: in
/// the test host, libtorch is loaded long before any test runs. <c>dotnet NetDsl.Runtime.Tests.dll load-torch</c>
/// calls TorchNative.EnsureLoaded first thing and prints OMP_WAIT_POLICY as native code then sees it;
/// <c>dotnet NetDsl.Runtime.Tests.dll hostile CASE ARGS...</c> runs one hostile input (see <see cref="HostileCase"/>)
/// so that a crash, a hang or a memory blow-up fails its test instead of the test run.
/// </summary>
public static class FreshProcess
{
    public const string LoadTorch = "load-torch";

    public static int Main(string[] args)
    {
        if (args is [HostileCase.Command, var name, .. var rest])
            return HostileCase.Run(name, rest);
        if (args is not [LoadTorch])
        {
            Console.Error.WriteLine($"usage: dotnet NetDsl.Runtime.Tests.dll {LoadTorch} | {HostileCase.Command} CASE ARGS...");
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
