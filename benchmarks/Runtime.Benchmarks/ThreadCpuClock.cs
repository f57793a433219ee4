using System.Runtime.InteropServices;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// The calling thread's CPU time (Linux, clock_gettime(CLOCK_THREAD_CPUTIME_ID)): on a shared machine it counts the
/// work a single-threaded step does, not the time it waited for a core. Python's twin is time.thread_time().
/// </summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;
    private const int ProcessCpuTimeId = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static double Milliseconds() => Read(ThreadCpuTimeId);

    /// <summary>The CPU time of all the process's threads (libtorch's intra-op workers included).</summary>
    public static double ProcessMilliseconds() => Read(ProcessCpuTimeId);

    private static double Read(int clock)
    {
        ClockGetTime(clock, out var time);
        return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
    }
}
