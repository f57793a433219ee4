using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetDsl.Runtime.Benchmarks.TorchVision;

/// <summary>
/// The commands behind TorchVision/run.sh besides BenchmarkDotNet: interleaved timings (robust on a busy machine) and the
/// peak resident memory of one side in a process of its own.
/// </summary>
internal static class Comparison
{
    /// <summary>
    /// <c>torchvision-paired ROUNDS [CASE...]</c>: per case, ROUNDS rounds of TorchVision, generated, generated, TorchVision
    /// (a drift during a round cancels); prints the median ratio generated / TorchVision and its interquartile range.
    /// </summary>
    public static int Paired(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var cases = args.Length > 2 ? args.Skip(2).Select(ComparisonCase.Named).ToArray() : ComparisonCase.All;
        foreach (var comparison in cases)
        {
            var torchVision = comparison.Side("torchvision");
            var generated = comparison.Side("generated");
            for (var i = 0; i < 2; i++)
            {
                torchVision.Run();
                generated.Run();
            }
            var ratios = new double[rounds];
            double torchVisionTotal = 0, generatedTotal = 0;
            for (var r = 0; r < rounds; r++)
            {
                var t = Time(torchVision);
                var g = Time(generated) + Time(generated);
                t += Time(torchVision);
                ratios[r] = g / t;
                torchVisionTotal += t;
                generatedTotal += g;
            }
            Array.Sort(ratios);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{comparison.Name,-22} TorchVision {torchVisionTotal / (2 * rounds):F1} ms  generated {generatedTotal / (2 * rounds):F1} ms  " +
                $"generated/TorchVision: median {ratios[rounds / 2]:F3}, IQR {ratios[rounds / 4]:F3}-{ratios[3 * rounds / 4]:F3} ({rounds} rounds; load {Load()})"));
        }
        return 0;
    }

    /// <summary>
    /// <c>torchvision-peak CASE SIDE [CALLS]</c>: builds and loads one side, resets the peak resident set (so loading the file
    /// does not count), runs CALLS calls and prints the peak resident set they reached, in MB.
    /// </summary>
    public static int Peak(string[] args)
    {
        var comparison = ComparisonCase.Named(args[1]);
        var side = comparison.Side(args[2]);
        var calls = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Status("VmRSS");
        // Linux: writing 5 to clear_refs resets VmHWM to the current resident set.
        File.WriteAllText("/proc/self/clear_refs", "5");
        for (var i = 0; i < calls; i++) side.Run();
        var peak = Status("VmHWM");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{comparison.Name,-22} {args[2],-11} peak RSS {peak / 1024.0:F0} MB (after loading {before / 1024.0:F0} MB; {calls} calls; load {Load()})"));
        return 0;
    }

    private static double Time(ComparisonSide side)
    {
        var clock = Stopwatch.StartNew();
        side.Run();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>A line of /proc/self/status, in kB.</summary>
    private static long Status(string key)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The one-minute load average, as uptime shows it.</summary>
    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
