using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace NetDsl.Examples.Vit;

/// <summary>The ViT example's settings and command line.</summary>
public sealed record VitOptions
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the full set.</summary>
    public const string SystemDataFolder = "/usr/share/datasets/fashion-mnist";

    public const string Usage =
        "usage: dotnet run --project examples/Vit -c Release [-- [--data DIR] [--epochs N] [--train-limit N]]\n" +
        "  --data DIR         a Fashion-MNIST folder; default " + SystemDataFolder + " when it holds the full set,\n" +
        "                     else data/fashion-mnist in the repository (the 10,000 test images: 8,000 train, 2,000 held out)\n" +
        "  --epochs N         epochs to train (default 10 on the full set, 30 on the test images alone)\n" +
        "  --train-limit N    train on the first N training images only (a quick try)";

    public string DataFolder { get; init; } = DefaultDataFolder();

    public int? Epochs { get; init; }

    public long? TrainLimit { get; init; }

    public int BatchSize { get; init; } = 128;

    public int Seed { get; init; } = 1;

    public bool Help { get; init; }

    public static VitOptions Parse(string[] args)
    {
        var options = new VitOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Number() => int.TryParse(Value(), out var n) && n > 0 ? n : throw new ArgumentException($"{name} needs a positive number");
            options = name switch
            {
                "--data" => options with { DataFolder = Path.GetFullPath(Value()) },
                "--epochs" => options with { Epochs = Number() },
                "--train-limit" => options with { TrainLimit = Number() },
                "-h" or "--help" => options with { Help = true },
                _ => throw new ArgumentException($"unknown argument '{name}'"),
            };
        }
        return options;
    }

    private static string DefaultDataFolder()
    {
        if (NetDsl.Runtime.Data.IdxDataset.HasMnistSet(SystemDataFolder, NetDsl.Runtime.Data.MnistSet.Train))
            return SystemDataFolder;
        var recorded = typeof(VitOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NetDslRepoRoot")?.Value;
        var root = !string.IsNullOrEmpty(recorded) && Directory.Exists(recorded) ? recorded : Directory.GetCurrentDirectory();
        return Path.Combine(root, "data", "fashion-mnist");
    }
}
