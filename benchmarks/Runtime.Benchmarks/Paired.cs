using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// The generated/hand-written ratio measured in interleaved pairs (A B B A, repeated), for machines whose load
/// changes while BenchmarkDotNet times one benchmark after the other: drift then hits both sides of each pair alike.
/// Prints the median ratio of the pairs and their interquartile range.
/// </summary>
internal static class Paired
{
    /// <param name="gpt">The small GPT (GptBenchmarks) instead of the CNN (ModuleBenchmarks).</param>
    public static int Run(int rounds, bool gpt = false)
    {
        if (gpt)
        {
            var sequence = new GptBenchmarks { BatchSize = 16, Length = 64 };
            sequence.Setup();
            Measure("forward", rounds, 8, () => sequence.Forward_HandWritten(), () => sequence.Forward_Generated());
            Measure("train step", rounds, 4, () => sequence.TrainStep_HandWritten(), () => sequence.TrainStep_Generated());
            return 0;
        }
        var bench = new ModuleBenchmarks { BatchSize = 64 };
        bench.Setup();
        Measure("forward", rounds, 8, () => bench.Forward_HandWritten(), () => bench.Forward_Generated());
        Measure("train step", rounds, 4, () => bench.TrainStep_HandWritten(), () => bench.TrainStep_Generated());
        return 0;
    }

    private static void Measure(string name, int rounds, int repeat, Func<float> handWritten, Func<float> generated)
    {
        for (var i = 0; i < 5; i++)
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
        var perCall = 2.0 * repeat * rounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10}  hand-written {handTotal / perCall:F2} ms  generated {generatedTotal / perCall:F2} ms  " +
            $"ratio generated/hand-written: median {ratios[rounds / 2]:F3}, IQR {ratios[rounds / 4]:F3}-{ratios[3 * rounds / 4]:F3} ({rounds} ABBA rounds)"));
    }

    private static double Time(Func<float> action, int repeat)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repeat; i++)
            action();
        return clock.Elapsed.TotalMilliseconds;
    }
}
