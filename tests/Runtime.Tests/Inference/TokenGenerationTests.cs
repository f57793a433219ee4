using System;
using System.Linq;
using NetDsl.Examples;
using NetDsl.Runtime.Inference;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Inference;

public sealed class TokenGenerationTests
{
    /// <summary>A module whose most likely next token is always the last token plus one (mod the vocabulary).</summary>
    private sealed class Counter : nn.Module<Tensor, Tensor>
    {
        public const int Vocabulary = 10;

        public Counter() : base(nameof(Counter)) => RegisterComponents();

        public int LongestInput { get; private set; }

        public override Tensor forward(Tensor ids)
        {
            LongestInput = Math.Max(LongestInput, (int)ids.shape[1]);
            return nn.functional.one_hot((ids + 1) % Vocabulary, Vocabulary).to(float32);
        }
    }

    [Fact]
    public void Generate_AppendsTheMostLikelyToken_AndStopsAtTheStopToken()
    {
        TorchNative.EnsureLoaded();
        var model = new Counter();
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7 }, model.Generate(new long[] { 1, 2 }, maxNewTokens: 5));
        Assert.Equal(new long[] { 1, 2, 3, 4 }, model.Generate(new long[] { 1, 2 }, maxNewTokens: 5, stopToken: 4));
        Assert.Equal(new long[] { 8, 9, 0 }, model.Generate(new long[] { 8 }, maxNewTokens: 2));

        // In a batch, a row that stopped repeats the stop token until every row has stopped.
        using var scope = NewDisposeScope();
        var rows = model.Generate(tensor(new long[] { 2, 5 }, new long[] { 2, 1 }), maxNewTokens: 6, stopToken: 7);
        Assert.Equal(new long[] { 2, 3, 4, 5, 6, 7 }, rows[0].data<long>().ToArray());
        Assert.Equal(new long[] { 5, 6, 7, 7, 7, 7 }, rows[1].data<long>().ToArray());
    }

    [Fact]
    public void Generate_CropsTheSequenceToTheDeclaredContext()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(5);
        using var model = new TinyGpt();   // input tokens [t <= 32]
        Assert.Equal(32, TokenGeneration.ContextOf(model));
        Assert.Equal(8, TokenGeneration.ContextOf(model, 8));
        var prompt = Enumerable.Range(0, 40).Select(i => (long)(i * 7 % 64)).ToArray();

        // The network refuses 40 tokens; Generate feeds it the last 32, so it continues as from those 32 alone.
        Assert.Throws<ShapeException>(() => model.call(tensor(prompt, new long[] { 1, 40 })));
        var fromAll = model.Generate(prompt, maxNewTokens: 4);
        var fromLast = model.Generate(prompt[8..], maxNewTokens: 4);
        Assert.Equal(prompt, fromAll[..40]);
        Assert.Equal(fromLast[32..], fromAll[40..]);

        // A module that is not a NetDsl network reads what it is given, unless a context is passed.
        var counter = new Counter();
        counter.Generate(prompt.Select(p => p % 10).ToArray(), maxNewTokens: 2);
        Assert.Equal(41, counter.LongestInput);
        var cropped = new Counter();
        cropped.Generate(prompt.Select(p => p % 10).ToArray(), maxNewTokens: 2, context: 5);
        Assert.Equal(5, cropped.LongestInput);
    }

    [Fact]
    public void Generate_RefusesNetworksThatDoNotTakeASequenceOfTokenIds_AndBadPrompts()
    {
        TorchNative.EnsureLoaded();
        using var images = new SmallCnn();
        var refusal = Assert.Throws<ArgumentException>(() => images.Generate(new long[] { 1 }, 1));
        Assert.Contains("input tokens [t <= context]", refusal.Message);
        using var scope = NewDisposeScope();
        Assert.Contains("int64 token ids [N, t]", Assert.Throws<ArgumentException>(() => new Counter().Generate(zeros(2, 3), 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Counter().Generate(new long[] { 1 }, -1));
    }
}
