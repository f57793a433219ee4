using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Benchmarks.TorchVision;

namespace NetDsl.Runtime.Benchmarks.Fusion;

/// <summary>
/// <c>fusion-paired ROUNDS [CASE...]</c>: per round, unfused, fused, fused channels-last, TorchVision, then the same in
/// reverse order (a drift during a round hits every side alike), in one process; prints each side's median time and
/// the median (and interquartile range) of its per-round ratio to the unfused module, with the load average.
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
            var times = new double[order.Length][];
            for (var s = 0; s < order.Length; s++) times[s] = new double[rounds];
            var loads = new string[rounds];
            for (var r = 0; r < rounds; r++)
            {
                for (var s = 0; s < order.Length; s++) times[s][r] += Time(order[s]);
                for (var s = order.Length - 1; s >= 0; s--) times[s][r] += Time(order[s]);
                loads[r] = Load();
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {rounds} rounds, {FusionSides.Threads} threads, load average {string.Join(" ", loads)}"));
            for (var s = 0; s < order.Length; s++)
            {
                var ratios = Enumerable.Range(0, rounds).Select(r => times[s][r] / times[0][r]).OrderBy(x => x).ToArray();
                var median = times[s].OrderBy(x => x).ElementAt(rounds / 2) / 2;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {labels[s],-20} median {median,9:F1} ms   / unfused: median {ratios[rounds / 2]:F3}, IQR {ratios[rounds / 4]:F3}-{ratios[3 * rounds / 4]:F3}"));
            }
        }
        return 0;
    }

    private static double Time(ComparisonSide side)
    {
        var clock = Stopwatch.StartNew();
        side.Run();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
