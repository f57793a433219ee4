using System.Runtime.InteropServices;

namespace NetDsl.Runtime.Benchmarks.Fusion;

/// <summary>
/// CPU time of the whole process, every thread (Linux CLOCK_PROCESS_CPUTIME_ID): on an oversubscribed machine it
/// counts the work a forward did, not the time it waited for a core.
/// </summary>
internal static class ProcessCpuClock
{
    private const int ProcessCpuTimeId = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static double Milliseconds()
    {
        ClockGetTime(ProcessCpuTimeId, out var time);
        return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
    }
}
