using System;
using System.Linq;
using NetDsl.Runtime.Data;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class SequenceDatasetTests
{
    private static long[] Row(TorchSharp.torch.Tensor tensor, int row) => tensor[row].data<long>().ToArray();

    [Fact]
    public void ForNextToken_TargetsTheNextToken_AndIgnoresThePrompt()
    {
        var data = SequenceDataset.ForNextToken(new[] { new long[] { 5, 6, 7, 8 }, new long[] { 1, 2, 3 } }, promptLengths: new[] { 2, 1 });
        Assert.Equal(new long[] { 5, 6, 7 }, data.Input(0));
        // Position 0 predicts 6, a prompt token: not trained on. Positions 1 and 2 predict the answer 7, 8.
        Assert.Equal(new long[] { SequenceDataset.IgnoreIndex, 7, 8 }, data.Target(0));
        Assert.Equal(new long[] { 2, 3 }, data.Target(1));
        Assert.Equal(3, data.MaxLength);
    }

    [Fact]
    public void Batch_IsPaddedToItsLongestSequence_WithIgnoredTargets()
    {
        var data = new SequenceDataset(
            new[] { new long[] { 1, 2, 3, 4 }, new long[] { 5, 6 }, new long[] { 7 } },
            new[] { new long[] { 2, 3, 4, 9 }, new long[] { 6, 9 }, new long[] { 9 } },
            paddingId: 0);
        using (var batch = data.GetBatch(new long[] { 1, 0 }))
        {
            Assert.Equal(new long[] { 2, 4 }, batch.Inputs.shape);
            Assert.Equal(TorchSharp.torch.ScalarType.Int64, batch.Inputs.dtype);
            Assert.Equal(new long[] { 5, 6, 0, 0 }, Row(batch.Inputs, 0));
            Assert.Equal(new long[] { 6, 9, -100, -100 }, Row(batch.Targets, 0));
            Assert.Equal(new long[] { 1, 2, 3, 4 }, Row(batch.Inputs, 1));
        }
        using (var shortBatch = data.GetBatch(new long[] { 2, 1 }))
            Assert.Equal(new long[] { 2, 2 }, shortBatch.Inputs.shape);
    }

    [Fact]
    public void BadSequences_AreRefused_NamingSequenceAndPosition()
    {
        Assert.Contains("sequence 1 is empty", Assert.Throws<ArgumentException>(() =>
            new SequenceDataset(new[] { new long[] { 1 }, Array.Empty<long>() }, new[] { new long[] { 1 }, Array.Empty<long>() })).Message);
        Assert.Contains("sequence 0 has 2 tokens but 1 targets", Assert.Throws<ArgumentException>(() =>
            new SequenceDataset(new[] { new long[] { 1, 2 } }, new[] { new long[] { 1 } })).Message);
        Assert.Contains("token 1 of sequence 0 is 12, outside the vocabulary of 12 tokens", Assert.Throws<ArgumentException>(() =>
            SequenceDataset.ForNextToken(new[] { new long[] { 1, 12, 3 } }, vocabularySize: 12)).Message);
        Assert.Contains("target 0 of sequence 0 is -3", Assert.Throws<ArgumentException>(() =>
            new SequenceDataset(new[] { new long[] { 1 } }, new[] { new long[] { -3 } })).Message);
        Assert.Contains("prompt length must be 1 to 2, not 3", Assert.Throws<ArgumentException>(() =>
            SequenceDataset.ForNextToken(new[] { new long[] { 1, 2, 3 } }, new[] { 3 })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SequenceDataset.ForNextToken(new[] { new long[] { 1, 2 } }).GetBatch(new long[] { 1 }));
    }
}
