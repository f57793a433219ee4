using System;
using System.Runtime.InteropServices;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Housekeeping between epochs, so that memory does not creep. Every step's tensors are disposed, but (1) the managed
/// wrappers and bookkeeping of a step are garbage the GC may leave for hundreds of steps when its gen-0 budget is
/// large (observed: 500 MB of garbage and only 3 collections over 1,500 steps), and (2) glibc keeps freed native
/// blocks in its arenas. A full collection and malloc_trim after each epoch cost milliseconds.
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        Trim();
    }

    /// <summary>Returns freed native heap memory to the operating system (glibc's malloc_trim; elsewhere nothing).</summary>
    public static void Trim()
    {
        if (_unavailable)
            return;
        try
        {
            malloc_trim(UIntPtr.Zero);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // musl and other C libraries have no malloc_trim
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(UIntPtr pad);
}
