using System.IO;
using System.Linq;
using NetDsl.Examples.Gpt;
using NetDsl.Examples.Vit;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Tests.Training;
using Xunit;

namespace NetDsl.Runtime.Tests.Examples;

/// <summary>
/// The examples that train a GPT (examples/Gpt) and a ViT (examples/Vit), run as their programs run them on a few
/// batches: every step of the program works; reaching their accuracy takes minutes and is measured by running them.
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class TrainingExampleTests
{
    [Fact]
    public void GptExample_TrainsAFewBatches_AndItsTwoExactMatchScoresAgree()
    {
        var output = new StringWriter();
        var result = AdderTraining.Run(new AdderOptions { Train = 512, HeldOut = 100, Epochs = 1, Samples = 3 }, output, TrainingProgress.Silent);

        Assert.Equal(1, result.History.Count);
        Assert.True(result.History.Last!.Values["loss"] < 2.5, $"loss {result.History.Last.Values["loss"]} (uniform over 12 tokens: 2.48)");
        // Teacher-forced and generated exact match are the same number for greedy decoding of fixed-width answers.
        Assert.Equal(result.ExactMatch, result.GeneratedExactMatch, 12);
        var samples = output.ToString().Split('\n').Where(l => l.StartsWith("  ") && l.Contains(" + ")).ToArray();
        Assert.Equal(3, samples.Length);
        Assert.All(samples, line => Assert.Matches(@"^  \d{3}\+\d{3}=\d{4}  \d+ \+ \d+ = \d+", line));
    }

    [Fact]
    public void AdditionProblems_WriteTheSumReversed_AndReadItBack()
    {
        var problems = new AdditionProblems(digits: 3);
        Assert.Equal("123+489=2160", AdditionProblems.Text(problems.Sequence(123, 489)));
        Assert.Equal("999+999=8991", AdditionProblems.Text(problems.Sequence(999, 999)));
        Assert.Equal(612, AdditionProblems.ReadAnswer(problems.Answer(612)));
        var (train, heldOut) = problems.Split(1_000, 500, seed: 4);
        Assert.Empty(train.Intersect(heldOut));
        Assert.Equal(1_500, train.Concat(heldOut).Distinct().Count());
    }

    [Fact]
    public void VitExample_TrainsAFewBatches_OnTheRepositorysImages()
    {
        var output = new StringWriter();
        var data = Path.Combine(Zoo.ZooFiles.Root, "data", "fashion-mnist");
        var result = VitTraining.Run(new VitOptions { DataFolder = data, TrainLimit = 512, Epochs = 1 }, output, TrainingProgress.Silent);

        Assert.Equal(1, result.History.Count);
        Assert.Contains("512 training images, 2,000 held-out images", output.ToString());
        // Ten classes: a few batches already do better than chance.
        Assert.InRange(result.TestAccuracy, 0.2, 1.0);
    }
}
