using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using NetDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// One process's timing of the plain training step on the generated BenchCnn, for the comparison with PyTorch
/// (compare-pytorch.sh runs this and pytorch_step.py in turns): warm-up steps, then the median of timed steps, printed
/// as one line <c>median_ms=… cpu_ms=…</c> (the process's CPU time per timed step, all threads: on a shared machine
/// it moves far less with the load than wall time). Arguments: batch, threads, timed steps, optimizer (sgd or adam).
/// </summary>
internal static class StepTiming
{
    public static int Run(string[] args)
    {
        var batch = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 128;
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        var optimizer = args.Length > 3 ? args[3] : "sgd";
        TorchNative.EnsureLoaded();
        if (threads > 0)
            torch.set_num_threads(threads);
        torch.manual_seed(1).Dispose();
        var model = new BenchCnn();
        model.train();
        var opt = optimizer == "adam" ? optim.Adam(model.parameters(), 1e-3) : (optim.Optimizer)optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        using var x = randn(batch, 1, 28, 28);
        using var y = randint(10, new long[] { batch });
        var times = new double[steps];
        var process = Process.GetCurrentProcess();
        var cpuStart = TimeSpan.Zero;
        for (var i = -10; i < steps; i++)
        {
            if (i == 0)
            {
                process.Refresh();
                cpuStart = process.TotalProcessorTime;
            }
            var clock = Stopwatch.StartNew();
            using (NewDisposeScope())
            {
                opt.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(x), y);
                loss.backward();
                opt.step();
                _ = loss.item<float>();
            }
            if (i >= 0)
                times[i] = clock.Elapsed.TotalMilliseconds;
        }
        process.Refresh();
        var cpuPerStep = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / steps;
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median_ms={times[steps / 2]:F3} cpu_ms={cpuPerStep:F3} min_ms={times[0]:F3} threads={torch.get_num_threads()} batch={batch} optimizer={optimizer} torch=TorchSharp {typeof(torch).Assembly.GetName().Version}"));
        return 0;
    }
}
