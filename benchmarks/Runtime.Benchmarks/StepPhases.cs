using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// Where TorchSharp's training step of BenchCnn spends its time: each layer's forward (the generated module's own
/// children, called in order), the loss, backward, the optimizer step (medians over the timed steps), in the training
/// thread's CPU time (<see cref="ThreadCpuClock"/>: with 1 thread, the work; with more, the main thread's share) or, with a
/// fourth argument "wall", in wall time. Twin of pytorch_phases.py. Arguments: batch, threads, timed steps, [cpu|wall].
/// </summary>
internal static class StepPhases
{
    public static int Run(string[] args)
    {
        var batch = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 128;
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        var wall = args.Length > 3 && args[3] == "wall";
        TorchNative.EnsureLoaded();
        torch.set_num_threads(threads);
        torch.manual_seed(1).Dispose();
        var model = new BenchCnn();
        model.train();
        var layers = model.named_children().SelectMany(c => c.module is TorchSharp.Modules.Sequential s
            ? s.named_children().Select(l => (Name: $"{c.name}.{l.name}", Module: (nn.Module<Tensor, Tensor>)l.module))
            : new[] { (Name: c.name, Module: (nn.Module<Tensor, Tensor>)c.module) }).ToArray();
        var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        using var x = randn(batch, 1, 28, 28);
        using var y = randint(10, new long[] { batch });
        var names = layers.Select(l => l.Name).Concat(new[] { "loss", "backward", "step", "zero_grad" }).ToArray();
        var times = names.ToDictionary(n => n, _ => new List<double>());
        var stopwatch = Stopwatch.StartNew();
        Func<double> now = wall ? () => stopwatch.Elapsed.TotalMilliseconds : ThreadCpuClock.Milliseconds;
        for (var i = -5; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var marks = new List<double>();
            var start = now();
            var h = x;
            foreach (var layer in layers)
            {
                h = layer.Module.call(h);
                marks.Add(now());
            }
            var loss = nn.functional.cross_entropy(h, y);
            marks.Add(now());
            loss.backward();
            marks.Add(now());
            optimizer.step();
            marks.Add(now());
            optimizer.zero_grad();
            _ = loss.item<float>();
            marks.Add(now());
            if (i < 0)
                continue;
            var previous = start;
            for (var k = 0; k < names.Length; k++)
            {
                times[names[k]].Add(marks[k] - previous);
                previous = marks[k];
            }
        }
        double total = 0;
        foreach (var name in names)
        {
            var sorted = times[name].Order().ToArray();
            var median = sorted[sorted.Length / 2];
            total += median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-14} {median,8:F3} ms"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"sum",-14} {total,8:F3} ms  ({(wall ? "wall" : "thread CPU")} time, TorchSharp {typeof(torch).Assembly.GetName().Version}, {torch.get_num_threads()} threads, batch {batch})"));
        return 0;
    }
}
