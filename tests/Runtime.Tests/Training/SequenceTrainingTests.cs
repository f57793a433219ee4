using System;
using System.Linq;
using NetDsl.Examples;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Inference;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class SequenceTrainingTests
{
    private const int Separator = 10;

    /// <summary>Copy problems: three digits, a separator, the same three digits (only those are trained on).</summary>
    private static long[][] CopyProblems(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var digits = Enumerable.Range(0, 3).Select(_ => (long)random.Next(10)).ToArray();
            return digits.Append(Separator).Concat(digits).ToArray();
        }).ToArray();
    }

    private static SequenceDataset Dataset(long[][] problems) =>
        SequenceDataset.ForNextToken(problems, Enumerable.Repeat(4, problems.Length).ToArray(), vocabularySize: 64);

    [Fact]
    public void Trainer_FitsAGpt_OnTokenSequences_AndExactMatchIsWhatGenerationGets()
    {
        TorchNative.EnsureLoaded();
        Determinism.Seed(11);
        using var model = new TinyGpt();
        var train = Dataset(CopyProblems(768, seed: 1));
        var heldOutProblems = CopyProblems(200, seed: 2);
        var heldOut = Dataset(heldOutProblems);
        var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 4,
            BatchSize = 32,
            Seed = 3,
            Optimizer = Optimizers.AdamW(3e-3),
            Loss = Losses.TokenCrossEntropy(),
            Metrics = new[] { Metrics.ExactMatch(), Metrics.TokenAccuracy() },
            Progress = TrainingProgress.Silent,
        });
        var history = trainer.Fit(train, heldOut);

        var loss = history.Series("val_loss");
        Assert.True(loss[^1] < 0.5 * loss[0], $"held-out loss {string.Join(" -> ", loss)}");
        Assert.True(history.Last!.Values["val_token_accuracy"] > 0.6, $"token accuracy {history.Last.Values["val_token_accuracy"]}");

        // Teacher-forced exact match (the metric) and greedy generation from the prompt agree problem by problem.
        var exact = trainer.Evaluate(heldOut)["exact_match"];
        using var scope = NewDisposeScope();
        var prompts = tensor(heldOutProblems.SelectMany(p => p.Take(4)).ToArray(), new long[] { heldOutProblems.Length, 4 });
        var generated = model.Generate(prompts, maxNewTokens: 3);
        var answered = Enumerable.Range(0, heldOutProblems.Length)
            .Count(i => generated[i].data<long>().ToArray().SequenceEqual(heldOutProblems[i]));
        Assert.Equal(exact, (double)answered / heldOutProblems.Length, 12);
        Assert.InRange(exact, 0.2, 0.99);  // 0.705 here: some answers right, some wrong
    }
}
