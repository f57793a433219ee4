using System;
using System.Runtime.InteropServices;

namespace NetDsl.Runtime.Native;

/// <summary>
/// Lets libtorch's idle OpenMP threads sleep unless the user chose otherwise. By default they spin before sleeping
/// (GNU libgomp on Linux, LLVM/Intel libomp on macOS and Windows); with few or busy cores the spinning threads take
/// the cores from those with work, and training runs several times slower.
/// OpenMP reads OMP_WAIT_POLICY from the native environment once, when it initialises.
/// </summary>
internal static class OpenMpWaitPolicy
{
    public const string Variable = "OMP_WAIT_POLICY";
    public const string Passive = "PASSIVE";

    /// <summary>Sets OMP_WAIT_POLICY=PASSIVE where OpenMP will read it, unless it is set. Call before libtorch loads.</summary>
    public static void PreferPassive()
    {
        if (OperatingSystem.IsWindows())
        {
            // Intel's libiomp5md, which libtorch ships there, reads the Win32 environment that this writes.
            if (Environment.GetEnvironmentVariable(Variable) is null)
                Environment.SetEnvironmentVariable(Variable, Passive);
            return;
        }
        // On Unix, Environment.SetEnvironmentVariable changes only .NET's copy of the environment; libc's getenv,
        // which OpenMP calls, would not see it.
        try
        {
            setenv(Variable, Passive, overwrite: 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to call: OpenMP keeps its default, which costs speed, not correctness.
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv(string name, string value, int overwrite);
}
