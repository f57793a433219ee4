using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace NetDsl.Examples.AuxiliaryHeads;

/// <summary>The example's command line.</summary>
internal sealed record AuxiliaryHeadsOptions(string DataFolder, int Epochs, bool Help)
{
    public const string Usage =
        "usage: dotnet run --project examples/AuxiliaryHeads -c Release [-- [--data DIR] [--epochs N]]\n" +
        "  --data DIR    a Fashion-MNIST folder (default data/fashion-mnist in the repository); its test split is used\n" +
        "  --epochs N    epochs to train (default 3)";

    public static AuxiliaryHeadsOptions Parse(string[] args)
    {
        var data = Path.Combine(RepositoryRoot(), "data", "fashion-mnist");
        var epochs = 3;
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--data":
                    data = Path.GetFullPath(Value());
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
        return new AuxiliaryHeadsOptions(data, epochs, help);
    }

    // The repository the program was built from (recorded at build time), else the current folder.
    private static string RepositoryRoot()
    {
        var recorded = typeof(AuxiliaryHeadsOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NetDslRepoRoot")?.Value;
        return !string.IsNullOrEmpty(recorded) && Directory.Exists(recorded) ? recorded : Directory.GetCurrentDirectory();
    }
}
