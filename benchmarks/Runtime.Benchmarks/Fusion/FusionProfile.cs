using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks.Fusion;

/// <summary>
/// <c>fusion-profile CASE [CALLS]</c>: where a forward's time goes, by kind of layer (convs, batch norms, activations,
/// pools, ...), for the unfused, fused and fused channels-last modules: each leaf module's calls timed between a
/// forward pre-hook and a forward hook (libtorch computes on the CPU synchronously), wall and process CPU time.
/// </summary>
internal static class FusionProfile
{
    public static int Run(string[] args)
    {
        var sides = new FusionSides(args.Length > 1 ? args[1] : "resnet50-eval-b8");
        var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        foreach (var (label, side) in new[] { ("unfused", sides.Unfused), ("fused", sides.Fused), ("fused+channels-last", sides.FusedChannelsLast) })
        {
            var wall = new Dictionary<string, double>();
            var cpu = new Dictionary<string, double>();
            var started = new Stack<(double Wall, double Cpu)>();
            var clock = Stopwatch.StartNew();
            var removers = new List<Action>();
            foreach (var module in side.Model.modules().OfType<nn.Module<Tensor, Tensor>>().Where(m => !m.children().Any()))
            {
                var kind = Kind(module);
                var pre = module.register_forward_pre_hook((_, input) =>
                {
                    started.Push((clock.Elapsed.TotalMilliseconds, ThreadCpuClock.ProcessMilliseconds()));
                    return input;
                });
                removers.Add(pre.remove);
                var post = module.register_forward_hook((_, _, output) =>
                {
                    var (startWall, startCpu) = started.Pop();
                    wall[kind] = wall.GetValueOrDefault(kind) + clock.Elapsed.TotalMilliseconds - startWall;
                    cpu[kind] = cpu.GetValueOrDefault(kind) + ThreadCpuClock.ProcessMilliseconds() - startCpu;
                    return output;
                });
                removers.Add(post.remove);
            }
            side.Run();
            wall.Clear();
            cpu.Clear();
            var totalWall = 0.0;
            var totalCpu = 0.0;
            for (var i = 0; i < calls; i++)
            {
                var startWall = clock.Elapsed.TotalMilliseconds;
                var startCpu = ThreadCpuClock.ProcessMilliseconds();
                side.Run();
                totalWall += clock.Elapsed.TotalMilliseconds - startWall;
                totalCpu += ThreadCpuClock.ProcessMilliseconds() - startCpu;
            }
            foreach (var remove in removers) remove();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args.ElementAtOrDefault(1) ?? "resnet50-eval-b8"} {label}: forward {totalWall / calls:F1} ms wall, {totalCpu / calls:F1} ms CPU ({calls} calls, load {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
            foreach (var kind in wall.Keys.OrderByDescending(k => cpu[k]))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {kind,-12} {wall[kind] / calls,9:F1} ms wall ({100 * wall[kind] / totalWall,5:F1} %)  {cpu[kind] / calls,9:F1} ms CPU ({100 * cpu[kind] / totalCpu,5:F1} %)"));
            }
        }
        return 0;
    }

    /// <summary>The kind of a leaf module: convs and batch norms by role (folding or not alike), others by type.</summary>
    private static string Kind(nn.Module module)
    {
        var type = module.GetType().Name;
        return type switch
        {
            "Conv2d" or "FoldingConvLayer" or "PaddedConv2d" => "conv",
            "BatchNorm2d" or "FoldedBatchNormLayer" or "UnscaledBatchNorm" => "batch norm",
            _ => type,
        };
    }
}
