using System;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Outputs;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

public sealed class TokenLossAndMetricsTests
{
    private const long Ignored = SequenceDataset.IgnoreIndex;

    private static LossFunction TokenLoss(OutputKind kind, double labelSmoothing = 0) =>
        Losses.TokenCrossEntropy(labelSmoothing: labelSmoothing).Bind(new ModelOutput(kind, Declared: true, "TinyGpt"));

    [Fact]
    public void TokenCrossEntropy_IsTheMeanOverCountedPositions_OfEveryOutputKind()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var logits = randn(new long[] { 2, 3, 5 }, generator: generator);
        var targets = tensor(new long[] { 4, Ignored, 0, Ignored, 2, 2 }, new long[] { 2, 3 });

        // By hand: -log softmax at the target, averaged over the four counted positions.
        var logp = logits.log_softmax(-1);
        double expected = 0;
        foreach (var (n, t, id) in new[] { (0, 0, 4), (0, 2, 0), (1, 1, 2), (1, 2, 2) })
            expected -= logp[n, t, id].item<float>();
        expected /= 4;

        Assert.Equal(expected, TokenLoss(OutputKind.Logits)(logits, targets).item<float>(), 5);
        Assert.Equal(expected, TokenLoss(OutputKind.Probabilities)(softmax(logits, -1), targets).item<float>(), 5);
        Assert.Equal(expected, TokenLoss(OutputKind.LogProbabilities)(logp, targets).item<float>(), 5);
        // Label smoothing changes it, as PyTorch's cross_entropy with the same smoothing does over counted positions.
        var smoothed = nn.functional.cross_entropy(logits.reshape(6, 5), targets.reshape(6), ignore_index: Ignored, label_smoothing: 0.1);
        Assert.Equal(smoothed.item<float>(), TokenLoss(OutputKind.Logits, 0.1)(logits, targets).item<float>(), 5);
    }

    [Fact]
    public void TokenCrossEntropy_OfABatchWithNothingCounted_IsZero_AndItsGradientFlows()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var logits = randn(new long[] { 2, 3, 5 }).requires_grad_();
        var loss = TokenLoss(OutputKind.Logits)(logits, full(new long[] { 2, 3 }, Ignored, ScalarType.Int64));
        Assert.Equal(0f, loss.item<float>());
        loss.backward();
        Assert.Equal(0f, logits.grad!.abs().sum().item<float>());
    }

    [Fact]
    public void TokenCrossEntropy_RefusesSigmoidOutputs_AndMismatchedTargets()
    {
        TorchNative.EnsureLoaded();
        var refusal = Assert.Throws<ArgumentException>(() => TokenLoss(OutputKind.IndependentProbabilities));
        Assert.Contains("Losses.TokenCrossEntropy() cannot train on", refusal.Message);
        using var scope = NewDisposeScope();
        var mismatch = Assert.Throws<ArgumentException>(() => TokenLoss(OutputKind.Logits)(randn(2, 3, 5), zeros(new long[] { 2, 4 }, ScalarType.Int64)));
        Assert.Contains("got outputs [2, 3, 5] and targets [2, 4]", mismatch.Message);
    }

    [Fact]
    public void PerSampleLossAndAccuracy_OnSequenceOutputs_PointToTheTokenOnes()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var scores = randn(2, 3, 5);
        var ids = zeros(new long[] { 2, 3 }, ScalarType.Int64);
        var crossEntropy = Losses.CrossEntropy().Bind(new ModelOutput(OutputKind.Logits, Declared: true, "TinyGpt"));
        Assert.Contains("use Losses.TokenCrossEntropy()", Assert.Throws<ArgumentException>(() => crossEntropy(scores, ids)).Message);
        Assert.Contains("use Metrics.TokenAccuracy()", Assert.Throws<ArgumentException>(() => Metrics.Accuracy().Update(scores, ids)).Message);
        // PyTorch's own reading (classes on axis 1, a target per remaining position) is still cross-entropy's.
        Assert.Equal(nn.functional.cross_entropy(scores, zeros(new long[] { 2, 5 }, ScalarType.Int64)).item<float>(),
            crossEntropy(scores, zeros(new long[] { 2, 5 }, ScalarType.Int64)).item<float>());
    }

    [Fact]
    public void TokenAccuracy_AndExactMatch_CountOnlyPositionsThatAreNotIgnored()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        // Predicted ids (argmax):            targets:
        //   row 0: 1 2 3   (prompt ignored)    -  2 3   -> all counted right
        //   row 1: 1 2 3                       -  2 0   -> one of two wrong
        //   row 2: 4 4 4                       -  -  -  -> nothing counted: left out of exact match
        //   row 3: 0 0 1                       0  0  1  -> all right
        var predicted = tensor(new long[] { 1, 2, 3, 1, 2, 3, 4, 4, 4, 0, 0, 1 }, new long[] { 4, 3 });
        var logits = nn.functional.one_hot(predicted, 5).to(float32) * 3 - 1;
        var targets = tensor(new long[] { Ignored, 2, 3, Ignored, 2, 0, Ignored, Ignored, Ignored, 0, 0, 1 }, new long[] { 4, 3 });

        var tokens = Metrics.TokenAccuracy();
        var exact = Metrics.ExactMatch();
        tokens.Update(logits, targets, OutputKind.Logits);
        exact.Update(softmax(logits, -1), targets, OutputKind.Probabilities);
        Assert.Equal(6.0 / 7, tokens.Compute(), 12);
        Assert.Equal(2.0 / 3, exact.Compute(), 12);
        Assert.Equal(("token_accuracy", "exact_match"), (tokens.Name, exact.Name));

        // Accumulates over batches until reset.
        exact.Update(logits.narrow(0, 1, 1), targets.narrow(0, 1, 1), OutputKind.Logits);
        Assert.Equal(2.0 / 4, exact.Compute(), 12);
        exact.Reset();
        Assert.True(double.IsNaN(exact.Compute()));
    }
}
