using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Benchmarks.TorchVision;

namespace NetDsl.Runtime.Benchmarks.Fusion;

/// <summary>
/// <c>fusion-paired ROUNDS [CASE...]</c>: per round, unfused, fused, fused channels-last, TorchVision, then the same in
/// reverse order (a drift during a round hits every side alike), in one process; prints each side's median wall time and
/// process CPU time (every thread) per forward, and the medians (and interquartile ranges) of its per-round ratios to the
/// unfused module, with the load average of each round.
/// </summary>
internal static class FusionPaired
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var cases = args.Length > 2 ? args[2..] : new[] { "resnet50-eval-b8", "mobilenetv2-eval-b1" };
        foreach (var name in cases)
        {
            var sides = new FusionSides(name);
            var order = new[] { sides.Unfused, sides.Fused, sides.FusedChannelsLast, sides.TorchVision };
            var labels = new[] { "unfused", "fused", "fused+channels-last", "TorchVision" };
            foreach (var side in order)
            {
                side.Run();
                side.Run();
            }
            var wall = new double[order.Length][];
            var cpu = new double[order.Length][];
            for (var s = 0; s < order.Length; s++)
            {
                wall[s] = new double[rounds];
                cpu[s] = new double[rounds];
            }
            var loads = new string[rounds];
            for (var r = 0; r < rounds; r++)
            {
                for (var s = 0; s < order.Length; s++) Time(order[s], ref wall[s][r], ref cpu[s][r]);
                for (var s = order.Length - 1; s >= 0; s--) Time(order[s], ref wall[s][r], ref cpu[s][r]);
                loads[r] = Load();
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {rounds} rounds, {FusionSides.Threads} threads, load average {string.Join(" ", loads)}"));
            for (var s = 0; s < order.Length; s++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {labels[s],-20} wall {Median(wall[s]) / 2,9:F1} ms, / unfused {Ratios(wall, s)}   CPU {Median(cpu[s]) / 2,9:F1} ms, / unfused {Ratios(cpu, s)}"));
            }
        }
        return 0;
    }

    private static void Time(ComparisonSide side, ref double wall, ref double cpu)
    {
        var startCpu = ThreadCpuClock.ProcessMilliseconds();
        var clock = Stopwatch.StartNew();
        side.Run();
        wall += clock.Elapsed.TotalMilliseconds;
        cpu += ThreadCpuClock.ProcessMilliseconds() - startCpu;
    }

    private static double Median(double[] values) => values.OrderBy(x => x).ElementAt(values.Length / 2);

    /// <summary>The median and interquartile range of the per-round ratios of side <paramref name="s"/> to the unfused side (0).</summary>
    private static string Ratios(double[][] times, int s)
    {
        var ratios = times[s].Select((t, r) => t / times[0][r]).OrderBy(x => x).ToArray();
        var n = ratios.Length;
        return string.Create(CultureInfo.InvariantCulture, $"{ratios[n / 2]:F3} (IQR {ratios[n / 4]:F3}-{ratios[3 * n / 4]:F3})");
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
