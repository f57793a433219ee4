using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Outputs;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Tests.Zoo;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Memory;

/// <summary>
/// Generated forwards run ops in place where that is exact and release intermediates at their last use
/// (src/Dsl/Semantics/MemoryPlan.cs). Every zoo network and the networks of Reuse.net, as generated and as generated
/// with NetDslReuseMemory=false (tests/OutOfPlace, the same .net files), with the same weights, on the same input: a
/// training step's outputs, parameter gradients and batch-norm statistics agree within 1e-6 (relative to their scale),
/// evaluation outputs too, and the caller's input is never changed. Sequential with the other tests that draw from
/// torch's generator: both twins must see the same dropout masks.
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class ReuseTests
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string> ZooNetworks => new(NetDsl.Zoo.Program.Networks().Select(t => t.Name));

    [Theory]
    [MemberData(nameof(ZooNetworks))]
    public void ZooNetwork_TrainsAndEvaluatesAsOutOfPlace(string name)
    {
        var network = typeof(NetDsl.Zoo.Program).Assembly.GetType("NetDsl.Zoo." + name, throwOnError: true)!;
        // An auxiliary head's batch norm on a 1x1 map needs two samples in training (one has no variance), as in ZooNetworkTests.
        AssertSameAsOutOfPlace(network, batch: typeof(ISeveralOutputs<Tensor>).IsAssignableFrom(network) ? 2 : 1);
    }

    [Theory]
    [InlineData(typeof(ReuseRules))]
    [InlineData(typeof(ViewReuse))]
    public void RuleNetwork_TrainsAndEvaluatesAsOutOfPlace(Type network) => AssertSameAsOutOfPlace(network, batch: 2);

    [Fact]
    public void EvaluationForward_LeavesOnlyItsResultInTheCallersScope()
    {
        TorchNative.EnsureLoaded();
        using var outer = NewDisposeScope();
        var (reusingModule, referenceModule) = Pair(typeof(ReuseRules));
        var reusing = (nn.Module<Tensor, Tensor>)reusingModule;
        var reference = (nn.Module<Tensor, Tensor>)referenceModule;
        var input = randn(2, 3, 8, 8);
        reusing.eval();
        reference.eval();
        using var noGrad = no_grad();
        int Leftovers(nn.Module<Tensor, Tensor> model)
        {
            using var scope = NewDisposeScope();
            model.call(input);
            return scope.DisposablesCount;
        }
        // The result, and the items a chunk or parallel leaves (none here): every intermediate was released.
        Assert.Equal(1, Leftovers(reusing));
        Assert.True(Leftovers(reference) > 20, "the out-of-place reference keeps its intermediates until the scope ends");
    }

    /// <param name="batch">1 for the zoo's 224x224 networks (batch norm still sees every pixel), to keep the suite quick; 2 with auxiliary heads.</param>
    private static void AssertSameAsOutOfPlace(Type network, int batch)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (reusing, reference) = Pair(network);
        var shape = (Shape)network.GetProperty("DeclaredInputShape")!.GetValue(null)!;
        torch.manual_seed(3);
        var inputShape = new long[] { batch }.Concat(ZooNetworkTests.RunTime(shape)).ToArray();
        // A language model reads token ids: 0 and 1 are in every vocabulary.
        var input = shape.IsIds ? randint(2, inputShape) : randn(inputShape);
        var given = input.clone();

        // Training: the same dropout masks (the same seed, random numbers drawn in the same order), a loss that weighs
        // every output differently, one backward pass.
        var (outputs, gradients, statistics) = TrainStep(reusing, input);
        var (expectedOutputs, expectedGradients, expectedStatistics) = TrainStep(reference, input);
        AssertAllClose(expectedOutputs, outputs, network.Name + " training output");
        Assert.Equal(expectedGradients.Keys.OrderBy(k => k), gradients.Keys.OrderBy(k => k));
        foreach (var (key, expected) in expectedGradients) AssertClose(expected, gradients[key], $"{network.Name} gradient of {key}");
        foreach (var (key, expected) in expectedStatistics) AssertClose(expected, statistics[key], $"{network.Name} buffer {key}");

        reusing.eval();
        reference.eval();
        using (no_grad()) AssertAllClose(ModelCalls.For(reference)(input), ModelCalls.For(reusing)(input), network.Name + " evaluation output");
        Assert.True(given.allclose(input, rtol: 0, atol: 0), $"{network.Name} changed its caller's input");
    }

    /// <summary>The network as generated and its out-of-place twin with the same weights and statistics.</summary>
    private static (nn.Module Reusing, nn.Module Reference) Pair(Type network)
    {
        var twin = typeof(NetDsl.OutOfPlace.ReuseRules).Assembly.GetType("NetDsl.OutOfPlace." + network.Name, throwOnError: true)!;
        torch.manual_seed(1);
        var reusing = ZooNetworkTests.Build(network);
        var reference = ZooNetworkTests.Build(twin);
        reference.load_state_dict(reusing.state_dict());
        return (reusing, reference);
    }

    /// <summary>
    /// One training step on every output (several outputs: each weighted differently, an auxiliary head's too, so that a
    /// value it reads and the plan released or overwrote would show).
    /// </summary>
    private static (IReadOnlyList<Tensor?> Outputs, Dictionary<string, Tensor> Gradients, Dictionary<string, Tensor> Statistics) TrainStep(nn.Module model, Tensor input)
    {
        model.train();
        model.zero_grad();
        torch.manual_seed(5);
        var outputs = ModelCalls.For(model)(input);
        var loss = torch.zeros(1);
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i] ?? throw new InvalidOperationException($"output {i} is null while training");
            using var weights = torch.linspace(-1, 1, output.numel()).reshape(output.shape) * (i + 1);
            loss = loss + (output * weights).sum();
        }
        loss.backward();
        var gradients = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        var statistics = model.named_buffers().ToDictionary(b => b.name, b => b.buffer.clone());
        return (outputs.Select(o => o?.detach()).ToList(), gradients, statistics);
    }

    /// <summary>The same outputs in order, each within <see cref="Tolerance"/> (an output null in one is null in the other).</summary>
    private static void AssertAllClose(IReadOnlyList<Tensor?> expected, IReadOnlyList<Tensor?> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i] is null, actual[i] is null);
            if (expected[i] is { } value) AssertClose(value, actual[i]!, $"{what} {i}");
        }
    }

    /// <summary>Equal within <see cref="Tolerance"/> times the larger of 1 and the expected values' largest magnitude.</summary>
    private static void AssertClose(Tensor expectedValues, Tensor actualValues, string what)
    {
        Assert.Equal(expectedValues.shape, actualValues.shape);
        using var expected = expectedValues.to_type(ScalarType.Float64);
        using var actual = actualValues.to_type(ScalarType.Float64);
        var scale = Math.Max(1.0, expected.abs().max().item<double>());
        var difference = (expected - actual).abs().max().item<double>();
        Assert.True(difference <= Tolerance * scale, $"{what}: differs by {difference:G3} (scale {scale:G3})");
    }
}
