using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace NetDsl.Examples.QuickStart;

/// <summary>The quickstart's command line.</summary>
internal sealed record QuickStartOptions(string DataFolder, string OutputFolder, int? Epochs, bool Help)
{
    public const string Usage =
        "usage: dotnet run --project examples/QuickStart -c Release [-- [--data DIR] [--out DIR] [--epochs N]]\n" +
        "  --data DIR    a Fashion-MNIST folder (default data/fashion-mnist in the repository); with train-* files in it\n" +
        "                the full set is used (60,000 training, 10,000 test images)\n" +
        "  --out DIR     where the model, checkpoints, logs and plot go (default examples/QuickStart/out)\n" +
        "  --epochs N    epochs to train (default 6 on the embedded data, 2 on the full set)";

    public static QuickStartOptions Parse(string[] args)
    {
        var root = RepositoryRoot();
        var data = Path.Combine(root, "data", "fashion-mnist");
        var output = Path.Combine(root, "examples", "QuickStart", "out");
        int? epochs = null;
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--data":
                    data = Path.GetFullPath(Value());
                    break;
                case "--out":
                    output = Path.GetFullPath(Value());
                    break;
                case "--epochs":
                    epochs = int.TryParse(Value(), out var n) && n > 0 ? n : throw new ArgumentException("--epochs needs a positive number");
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        return new QuickStartOptions(data, output, epochs, help);
    }

    // The repository the program was built from (recorded at build time), else the current folder.
    private static string RepositoryRoot()
    {
        var recorded = typeof(QuickStartOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NetDslRepoRoot")?.Value;
        return !string.IsNullOrEmpty(recorded) && Directory.Exists(recorded) ? recorded : Directory.GetCurrentDirectory();
    }
}
