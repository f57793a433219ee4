using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetDsl.Examples;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Examples;

/// <summary>
/// Every example network, built by the generator from its .net file, behaves at run time as the build said:
/// each layer's output shape and the parameter counts equal the compile-time ones.
/// </summary>
public sealed class ExampleNetworkTests
{
    public static TheoryData<Type> Networks => new()
    {
        typeof(SmallCnn), typeof(ResNet20), typeof(MiniGoogLeNet), typeof(Tour), typeof(PatchMixer), typeof(SequenceHeads), typeof(ChannelsLast),
        typeof(TinySwin), typeof(ShiftedStem), typeof(TinyShuffleNet),
        typeof(global::NetDsl.Examples.Attributes.SmallCnn), typeof(global::NetDsl.Examples.Attributes.ResNet20), typeof(global::NetDsl.Examples.Attributes.Tour),
        typeof(global::NetDsl.Examples.Attributes.PatchMixer), typeof(global::NetDsl.Examples.Attributes.SequenceHeads), typeof(global::NetDsl.Examples.Attributes.ChannelsLast),
        typeof(global::NetDsl.Examples.Attributes.TinySwin), typeof(global::NetDsl.Examples.Attributes.ShiftedStem), typeof(global::NetDsl.Examples.Attributes.TinyShuffleNet),
        typeof(TinyVit), typeof(TinyGpt), typeof(TinyConvNext), typeof(TokenTagger),
        typeof(global::NetDsl.Examples.Attributes.TinyVit), typeof(global::NetDsl.Examples.Attributes.TinyGpt),
        typeof(global::NetDsl.Examples.Attributes.TinyConvNext), typeof(global::NetDsl.Examples.Attributes.TokenTagger),
    };

    /// <summary>
    /// The rows of modules: not those of functions and merges (a path with parentheses), nor those of learned tensors,
    /// whose paths are state_dict keys of the scope that owns them.
    /// </summary>
    private static IEnumerable<LayerInfo> ModuleRows(IReadOnlyList<LayerInfo> layers, nn.Module model)
    {
        var keys = model.state_dict().Keys.ToHashSet(StringComparer.Ordinal);
        return layers.Where(l => !l.Path.Contains('(') && !keys.Contains(l.Path));
    }

    /// <summary>A batch of two samples of the declared input: random floats, or random token ids below 10.</summary>
    private static Tensor Batch(Shape input)
    {
        var shape = new long[] { 2 }.Concat(input.ToArray()).ToArray();
        return input.IsIds ? randint(0, 10, shape, dtype: ScalarType.Int64) : randn(shape);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryLayer_RuntimeShapeEqualsCompileTimeShape(Type network)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var model = Build(network);
        model.eval();
        var layers = (IReadOnlyList<LayerInfo>)network.GetProperty("Layers")!.GetValue(null)!;
        var modules = model.named_modules().ToDictionary(m => m.Item1, m => m.Item2);
        var seen = new Dictionary<string, long[]>();
        var hooks = new List<Action>();
        foreach (var layer in ModuleRows(layers, model))
        {
            Assert.True(modules.ContainsKey(layer.Path), $"no module at '{layer.Path}'");
            var module = (nn.Module<Tensor, Tensor>)modules[layer.Path];
            var path = layer.Path;
            var remover = module.register_forward_hook((_, _, output) =>
            {
                seen[path] = output.shape;
                return output;
            });
            hooks.Add(remover.remove);
        }

        var input = (Shape)network.GetProperty("DeclaredInputShape")!.GetValue(null)!;
        var output = model.call(Batch(input));

        foreach (var layer in ModuleRows(layers, model))
        {
            Assert.True(seen.ContainsKey(layer.Path), $"'{layer.Path}' never ran");
            Assert.Equal(new long[] { 2 }.Concat(layer.Output.ToArray()), seen[layer.Path]);
        }
        var declaredOutput = (Shape)network.GetProperty("OutputShape")!.GetValue(model)!;
        Assert.Equal(new long[] { 2 }.Concat(declaredOutput.ToArray()), output.shape);
        foreach (var remove in hooks) remove();
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ParameterCount_EqualsTorchSharpsCount(Type network)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = Build(network);
        var trainable = model.parameters().Sum(p => p.numel());
        // Statistics are the floating-point buffers; integer bookkeeping (num_batches_tracked, Swin's relative_position_index) is not counted.
        var statistics = model.named_buffers().Where(b => b.buffer.is_floating_point()).Sum(b => b.buffer.numel());
        Assert.Equal((long)network.GetField("ParameterCount")!.GetRawConstantValue()!, trainable);
        Assert.Equal((long)network.GetField("BufferCount")!.GetRawConstantValue()!, statistics);
        Assert.True(trainable > 0);
    }

    [Fact]
    public void ResNet20_HasTorchvisionStyleKeys()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var keys = new ResNet20().state_dict().Keys.ToList();
        Assert.Contains("conv1.weight", keys);
        Assert.Contains("bn1.running_var", keys);
        Assert.Contains("layer1.0.conv1.weight", keys);
        Assert.Contains("layer2.0.downsample.0.weight", keys);
        Assert.Contains("layer2.0.downsample.1.num_batches_tracked", keys);
        Assert.Contains("layer2.1.0.conv2.weight", keys);
        Assert.Contains("fc.bias", keys);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", keys);
    }

    [Fact]
    public void OtherArgumentValues_AreCheckedWithTheBuildsMessage()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var wider = new SmallCnn(classes: 3);
        Assert.Equal(new long[] { 4, 3 }, wider.call(randn(4, 1, 28, 28)).shape);
        var error = Assert.Throws<ShapeException>(() => new SmallCnn(classes: 0));
        Assert.Equal("ND0114", error.Error.Id);
        Assert.Contains("linear at 'classifier.3' needs at least 1 output feature, got 0", error.Message);
    }

    private static nn.Module<Tensor, Tensor> Build(Type network)
    {
        var constructor = network.GetConstructors().Single();
        var arguments = constructor.GetParameters().Select(p => p.DefaultValue).ToArray();
        return (nn.Module<Tensor, Tensor>)constructor.Invoke(arguments);
    }
}
