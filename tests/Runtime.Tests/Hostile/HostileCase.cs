using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Hostile;

/// <summary>
/// One hostile input, run in a child process (<c>dotnet NetDsl.Runtime.Tests.dll hostile CASE ARGS...</c>). It loads
/// libtorch, resets the peak-RSS counter (Linux <c>/proc/self/clear_refs</c>), runs the case and prints
/// <c>OUTCOME</c> (the exception's type and message, or <c>ok</c> and a detail), <c>SECONDS</c>, <c>BASELINE_MB</c>
/// (resident memory before the case) and <c>PEAK_MB</c> (the most during it). <see cref="ChildProcess"/> reads them.
/// </summary>
internal static class HostileCase
{
    public const string Command = "hostile";

    public static int Run(string name, string[] args)
    {
        TorchNative.EnsureLoaded();
        using (var warm = zeros(1))
            _ = warm.sum().item<float>();
        GC.Collect();
        var baseline = Status("VmRSS");
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the reset the peak includes start-up; the bounds the tests assert still hold.
        }
        var clock = Stopwatch.StartNew();
        string outcome;
        try
        {
            outcome = "ok\t" + Execute(name, args);
        }
        catch (Exception e)
        {
            outcome = $"{e.GetType().Name}\t{e.Message.Replace("\n", "\\n")}";
        }
        Console.WriteLine($"OUTCOME\t{outcome}");
        Console.WriteLine($"SECONDS\t{clock.Elapsed.TotalSeconds:F3}");
        Console.WriteLine($"BASELINE_MB\t{baseline / 1024}");
        Console.WriteLine($"PEAK_MB\t{Status("VmHWM") / 1024}");
        return 0;
    }

    private static string Execute(string name, string[] args) => name switch
    {
        "load-dense" => LoadDense(args[0]),
        "read-tensors" => $"{NetDsl.Runtime.Weights.Weights.ReadTensors(args[0]).Count} tensors",
        "image" => Describe(ImageFile.Load(args[0])),
        "image-folder" => $"{new ImageFolderDataset(args[0]).Count} samples",
        "idx" => $"[{string.Join(", ", IdxReader.Read(args[0]).Shape)}]",
        "resume" => Resume(args[0], args[1]),
        "checkpoint-info" => $"epoch {Checkpoint.ReadInfo(args[0]).Epoch}",
        _ => throw new ArgumentException($"unknown hostile case '{name}'"),
    };

    // A Keras Dense(5) on 2 inputs (kernel 2×5, bias 5) into a module named dense.
    private static string LoadDense(string path)
    {
        var model = nn.Sequential(("dense", nn.Linear(2, 5)));
        var weight = model.state_dict()["dense.weight"];
        var before = weight.clone();
        try
        {
            model.LoadWeights(path);
            return $"loaded, weight sum {weight.sum().item<float>()}";
        }
        finally
        {
            if (!weight.eq(before).all().item<bool>())
                Console.WriteLine("CHANGED");
        }
    }

    private static string Resume(string path, string optimizer)
    {
        var (model, options) = CheckpointCases.Trainer(optimizer, epochs: 3);
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        try
        {
            var trainer = new Trainer(model, options);
            trainer.Fit(CheckpointCases.Data(), resumeFrom: path);
            return "resumed at epoch " + trainer.History.Epochs[0].Epoch;
        }
        finally
        {
            if (model.state_dict().Any(kv => !kv.Value.eq(before[kv.Key]).all().item<bool>()))
                Console.WriteLine("CHANGED");
        }
    }

    private static string Describe(Tensor t)
    {
        using (t)
            return string.Join("x", t.shape);
    }

    private static long Status(string field)
    {
        var line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
