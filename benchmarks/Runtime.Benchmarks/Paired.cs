using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// The ratios of the BenchmarkDotNet suites measured in interleaved pairs (A B B A, repeated), for machines whose load
/// changes while BenchmarkDotNet times one benchmark after the other: drift then hits both sides of each pair alike.
/// Prints the median ratio of the pairs and their interquartile range: generated / hand-written module (forward,
/// train step), and Trainer / plain loop (an epoch of <see cref="TrainerBenchmarks.Steps"/> steps, per step).
/// </summary>
internal static class Paired
{
    /// <summary>What a round is timed by: wall time, or with "cpu" the process's CPU time (all its threads), which a
    /// busy machine's waiting for a core does not inflate.</summary>
    private static Func<double> Clock = WallClock();

    private static string ClockName = "wall";

    /// <param name="which">all, modules (generated vs hand-written CNN), trainer (Trainer vs plain loop); not part of all:
    /// gpt (the small GPT of GptBenchmarks), gpt2 (GPT-2 small) and vit (ViT-B/16), generated vs hand-written.</param>
    /// <param name="clock">wall (the default) or cpu.</param>
    public static int Run(int rounds, string which, string clock = "wall")
    {
        Clock = clock switch
        {
            "wall" => WallClock(),
            "cpu" => ThreadCpuClock.ProcessMilliseconds,
            _ => throw new ArgumentException($"unknown clock '{clock}': wall or cpu"),
        };
        ClockName = clock;
        if (which is "gpt" or "gpt2")
        {
            var small = which == "gpt";
            var sequence = new GptBenchmarks { Setting = small ? new GptBenchmarks.Case("BenchGpt", 16, 64) : new GptBenchmarks.Case("Gpt2", 1, 64) };
            sequence.Setup();
            Measure("forward", rounds, small ? 8 : 1, 1, ("hand-written", () => sequence.Forward_HandWritten()), ("generated", () => sequence.Forward_Generated()));
            Measure("train step", rounds, small ? 4 : 1, 1, ("hand-written", () => sequence.TrainStep_HandWritten()), ("generated", () => sequence.TrainStep_Generated()));
            return 0;
        }
        if (which is "vit")
        {
            var vision = new VitBenchmarks { BatchSize = 2 };
            vision.Setup();
            Measure("forward", rounds, 1, 1, ("hand-written", () => vision.Forward_HandWritten()), ("generated", () => vision.Forward_Generated()));
            Measure("train step", rounds, 1, 1, ("hand-written", () => vision.TrainStep_HandWritten()), ("generated", () => vision.TrainStep_Generated()));
            return 0;
        }
        if (which is "all" or "modules")
        {
            var bench = new ModuleBenchmarks { BatchSize = 64 };
            bench.Setup();
            Measure("forward", rounds, 8, 1, ("hand-written", () => bench.Forward_HandWritten()), ("generated", () => bench.Forward_Generated()));
            Measure("train step", rounds, 4, 1, ("hand-written", () => bench.TrainStep_HandWritten()), ("generated", () => bench.TrainStep_Generated()));
        }
        if (which is "all" or "trainer")
        {
            var trainer = new TrainerBenchmarks { BatchSize = 128 };
            trainer.Setup();
            Measure("train epoch", rounds, 1, TrainerBenchmarks.Steps, ("plain loop", () => (float)trainer.PlainLoop()), ("Trainer", () => (float)trainer.Trainer()));
        }
        return 0;
    }

    private static void Measure(string name, int rounds, int repeat, int stepsPerCall, (string Name, Func<float> Run) baseline, (string Name, Func<float> Run) candidate)
    {
        var (handWritten, generated) = (baseline.Run, candidate.Run);
        for (var i = 0; i < 3; i++)
        {
            handWritten();
            generated();
        }
        var ratios = new double[rounds];
        double handTotal = 0, generatedTotal = 0;
        for (var r = 0; r < rounds; r++)
        {
            // A B B A: a linear drift during the round cancels out.
            var h = Time(handWritten, repeat);
            var g = Time(generated, repeat) + Time(generated, repeat);
            h += Time(handWritten, repeat);
            ratios[r] = g / h;
            handTotal += h;
            generatedTotal += g;
        }
        Array.Sort(ratios);
        var perStep = 2.0 * repeat * rounds * stepsPerCall;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-11}  {baseline.Name} {handTotal / perStep:F2} ms  {candidate.Name} {generatedTotal / perStep:F2} ms per step  " +
            $"ratio {candidate.Name}/{baseline.Name}: median {ratios[rounds / 2]:F3}, IQR {ratios[rounds / 4]:F3}-{ratios[3 * rounds / 4]:F3}, " +
            $"range {ratios[0]:F3}-{ratios[^1]:F3} ({rounds} ABBA rounds, {ClockName} time, {TorchSharp.torch.get_num_threads()} threads, load {LoadAverage()})"));
    }

    /// <summary>The one-minute load average (Linux), to record with every number of a shared machine.</summary>
    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static Func<double> WallClock()
    {
        var stopwatch = Stopwatch.StartNew();
        return () => stopwatch.Elapsed.TotalMilliseconds;
    }

    private static double Time(Func<float> action, int repeat)
    {
        var start = Clock();
        for (var i = 0; i < repeat; i++)
            action();
        return Clock() - start;
    }
}
