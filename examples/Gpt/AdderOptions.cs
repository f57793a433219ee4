using System;

namespace NetDsl.Examples.Gpt;

/// <summary>The GPT example's settings and command line.</summary>
public sealed record AdderOptions
{
    public const string Usage =
        "usage: dotnet run --project examples/Gpt -c Release [-- [--epochs N] [--train N] [--held-out N] [--seed N]]\n" +
        "  --epochs N     passes over the training problems (default 4)\n" +
        "  --train N      training problems, drawn from the 1,000,000 (default 40,000)\n" +
        "  --held-out N   problems never trained on, for the exact-match score (default 2,000)\n" +
        "  --seed N       the seed of the problems, the initial weights and the batches (default 1)";

    public int Epochs { get; init; } = 4;

    public int Train { get; init; } = 40_000;

    public int HeldOut { get; init; } = 2_000;

    public int Seed { get; init; } = 1;

    public int BatchSize { get; init; } = 128;

    public double LearningRate { get; init; } = 2e-3;

    /// <summary>How many held-out problems are printed with the model's answers.</summary>
    public int Samples { get; init; } = 8;

    public bool Help { get; init; }

    public static AdderOptions Parse(string[] args)
    {
        var options = new AdderOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            int Number() => i + 1 < args.Length && int.TryParse(args[++i], out var n) && n > 0
                ? n
                : throw new ArgumentException($"{name} needs a positive number");
            options = name switch
            {
                "--epochs" => options with { Epochs = Number() },
                "--train" => options with { Train = Number() },
                "--held-out" => options with { HeldOut = Number() },
                "--seed" => options with { Seed = Number() },
                "-h" or "--help" => options with { Help = true },
                _ => throw new ArgumentException($"unknown argument '{name}'"),
            };
        }
        return options;
    }
}
