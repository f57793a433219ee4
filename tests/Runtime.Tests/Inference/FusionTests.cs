using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetDsl.Runtime.Tests.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Inference;

/// <summary>
/// FuseForInference (docs/training.md, "Serving faster"): the folded convs compute what conv then batch norm computed,
/// within 1e-5 relative to the largest output, with and without channels-last; the module's state_dict is untouched;
/// folded weights are never stale (in-place changes, loads, training steps, moves) and never used in training or with
/// gradients on; a conv whose output something else reads keeps its batch norm. Networks: Fusion.net and the zoo's
/// MobileNet v2 (depthwise convs).
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class FusionTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(typeof(FusionResNet), false, 8)]
    [InlineData(typeof(FusionResNet), true, 8)]
    [InlineData(typeof(NetDsl.Zoo.MobileNetV2), false, 52)]
    [InlineData(typeof(NetDsl.Zoo.MobileNetV2), true, 52)]
    public void Fused_outputs_match_the_unfused_module(Type network, bool channelsLast, int pairs)
    {
        var model = Build(network);
        var input = Input(model, 2);
        var expected = Evaluate(model, input);
        ((INetwork)model).FuseForInference(channelsLast);
        var actual = Evaluate(model, input);
        AssertClose(expected, actual);
        Assert.Equal(pairs, FoldingConvs(model).Count);
        Assert.All(FoldingConvs(model), conv => Assert.NotNull(Folded(conv)));
        // Unchanged weights are folded once: the version counters say nothing changed.
        var folded = FoldingConvs(model).Select(Folded).ToArray();
        AssertClose(expected, Evaluate(model, input));
        Assert.All(FoldingConvs(model).Select(Folded).Zip(folded), pair => Assert.Same(pair.Second, pair.First));
    }

    [Fact]
    public void A_conv_whose_output_something_else_reads_keeps_its_batch_norm()
    {
        var model = Build(typeof(SharedConv));
        var input = Input(model, 2);
        var expected = Evaluate(model, input);
        ((INetwork)model).FuseForInference();
        Assert.Empty(FoldingConvs(model));
        Assert.Contains(model.modules(), m => m is TorchSharp.Modules.Conv2d);
        Assert.Contains(model.modules(), m => m is TorchSharp.Modules.BatchNorm2d);
        Assert.True(Same(Evaluate(model, input), expected));
    }

    [Fact]
    public void The_state_dict_is_unchanged_by_fusion()
    {
        var model = Build(typeof(FusionResNet));
        var before = model.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        ((INetwork)model).FuseForInference(channelsLast: true);
        Evaluate(model, Input(model, 2));
        var after = model.state_dict();
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, p => Assert.True(Same(after[p.Key], p.Value), p.Key));
        Assert.Equal(FusionResNet.ParameterCount, model.parameters().Sum(p => p.numel()));
        // nn.Conv2d's and nn.BatchNorm2d's keys (a batch norm with scale: false has no weight, as Keras' scale=False).
        Assert.Contains("stem.0.bias", after.Keys);
        Assert.Contains("stem.1.num_batches_tracked", after.Keys);
        Assert.Contains("mixed.1.running_var", after.Keys);
        Assert.DoesNotContain("mixed.1.weight", after.Keys);
        Assert.Equal(new[] { "mixed.4.weight", "mixed.4.bias", "mixed.4.running_mean", "mixed.4.running_var", "mixed.4.num_batches_tracked" },
            after.Keys.Where(k => k.StartsWith("mixed.4.", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_in_place_change_of_any_weight_or_statistic_refolds()
    {
        var model = Build(typeof(FusionResNet));
        var input = Input(model, 2);
        ((INetwork)model).FuseForInference();
        var first = Evaluate(model, input);
        var folded = FoldingConvs(model).Select(Folded).ToArray();
        using (no_grad())
        {
            foreach (var (name, tensor) in model.state_dict())
            {
                if (tensor.is_floating_point()) tensor.mul_(name.EndsWith("running_var", StringComparison.Ordinal) ? 1.5 : 1.1);
            }
        }
        var changed = Evaluate(model, input);
        Assert.False(changed.allclose(first, 1e-3, 1e-3));
        AssertClose(Unfused(model, input), changed);
        Assert.All(FoldingConvs(model).Select(Folded).Zip(folded), pair => Assert.NotSame(pair.Second, pair.First));
    }

    [Fact]
    public void Loading_weights_refolds()
    {
        var model = Build(typeof(FusionResNet));
        var other = Build(typeof(FusionResNet));
        var input = Input(model, 2);
        ((INetwork)model).FuseForInference();
        Evaluate(model, input);
        model.load_state_dict(other.state_dict());
        AssertClose(Evaluate(other, input), Evaluate(model, input));
    }

    [Fact]
    public void A_training_step_refolds()
    {
        var model = Build(typeof(FusionResNet));
        var input = Input(model, 4);
        ((INetwork)model).FuseForInference();
        Evaluate(model, input);
        var optimizer = optim.SGD(model.parameters(), 0.1);
        model.train();
        var loss = model.call(input).square().mean();
        loss.backward();
        optimizer.step();
        model.eval();
        // The step changed the weights and the training forward the batch-norm statistics.
        AssertClose(Unfused(model, input), Evaluate(model, input));
    }

    [Fact]
    public void Moving_the_module_refolds_for_the_new_dtype()
    {
        var model = Build(typeof(FusionResNet));
        ((INetwork)model).FuseForInference();
        Evaluate(model, Input(model, 2));
        model.to(float64);
        var input = Input(model, 2).to(float64);
        var fused = Evaluate(model, input);
        Assert.Equal(ScalarType.Float64, fused.dtype);
        AssertClose(Unfused(model, input), fused);
    }

    [Fact]
    public void Training_and_evaluation_with_gradients_run_the_batch_norms()
    {
        var fused = Build(typeof(FusionResNet));
        var plain = Build(typeof(FusionResNet));
        plain.load_state_dict(fused.state_dict());
        ((INetwork)fused).FuseForInference(channelsLast: true);
        var input = Input(fused, 4);
        foreach (var training in new[] { true, false })
        {
            fused.train(training);
            plain.train(training);
            var fusedOutput = fused.call(input);
            var plainOutput = plain.call(input);
            Assert.True(Same(fusedOutput, plainOutput));
            fusedOutput.sum().backward();
            plainOutput.sum().backward();
        }
        foreach (var ((name, a), (_, b)) in fused.named_parameters().Zip(plain.named_parameters()))
            Assert.True(a.grad is not null && Same(a.grad, b.grad!), name);
        foreach (var ((name, a), (_, b)) in fused.named_buffers().Zip(plain.named_buffers()))
            Assert.True(Same(a, b), name);
    }

    private static nn.Module<Tensor, Tensor> Build(Type network)
    {
        TorchNative.EnsureLoaded();
        var constructor = network.GetConstructors()[0];
        var model = (nn.Module<Tensor, Tensor>)constructor.Invoke(constructor.GetParameters().Select(p => p.DefaultValue).ToArray());
        // Batch-norm weights, biases and statistics away from their initial 1 and 0, so folding has something to fold.
        using (no_grad())
        {
            foreach (var (name, tensor) in model.state_dict())
            {
                if (!tensor.is_floating_point() || tensor.dim() != 1) continue;
                if (name.EndsWith("running_var", StringComparison.Ordinal) || name.EndsWith("weight", StringComparison.Ordinal)) tensor.uniform_(0.5, 1.5);
                else tensor.uniform_(-0.5, 0.5);
            }
        }
        model.eval();
        return model;
    }

    private static Tensor Input(nn.Module<Tensor, Tensor> model, long batch) =>
        randn(new[] { batch }.Concat(((INetwork)model).InputShape.ToArray()).ToArray());

    /// <summary>A forward in evaluation without gradients: the folded path once fused.</summary>
    private static Tensor Evaluate(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        using var noGrad = no_grad();
        return model.call(input);
    }

    /// <summary>A forward in evaluation with gradients on, which runs every batch norm.</summary>
    private static Tensor Unfused(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        using var grad = enable_grad();
        return model.call(input).detach();
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        var difference = (actual - expected).abs().max().to(float64).item<double>() / expected.abs().max().to(float64).item<double>();
        Assert.True(difference <= Tolerance, $"outputs differ by {difference:E2} relative to the largest, over {Tolerance:E0}");
    }

    /// <summary>Equal shapes and exactly equal elements.</summary>
    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.allclose(b, rtol: 0, atol: 0);

    private static List<nn.Module> FoldingConvs(nn.Module model) => model.modules().Where(m => m.GetType().Name == "FoldingConvLayer").ToList();

    private static Tensor? Folded(nn.Module conv) =>
        (Tensor?)conv.GetType().GetField("_foldedWeight", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(conv);
}
