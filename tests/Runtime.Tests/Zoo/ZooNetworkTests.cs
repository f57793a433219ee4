using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Outputs;
using NetDsl.Zoo;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// Every network of the zoo (examples/Zoo), built by the generator from its .net file, against its reference:
/// the compile-time parameter count equals the published one, TorchSharp counts the same, every layer's run-time
/// shape is the compile-time one, the output is [1, classes] ([1, t, vocabulary] for a language model), and the
/// torchvision and nanoGPT mirrors have their reference's state_dict: the same keys, in the same order, with the same
/// shapes (Manifests/*.txt, derived from the reference, not from NetDsl). Each network is built and run once, with a
/// batch of one (a language model with a sequence of SequenceLength token ids); a network with auxiliary outputs runs
/// in training mode (so that its auxiliary heads run too) with a batch of two, since a batch norm that trains on one
/// value per channel fails (Inception v3's auxiliary head ends at 1x1), then once in evaluation.
/// </summary>
public sealed class ZooNetworkTests
{
    /// <summary>
    /// A network, its reference parameter count and, for torchvision and nanoGPT mirrors, its key manifest; Classes is
    /// the width of its output (a language model's vocabulary, from which its input's token ids are drawn).
    /// </summary>
    private sealed record Reference(Type Network, long Parameters, long Statistics, string? Manifest, long Classes = 1000);

    private static readonly Dictionary<string, Reference> References = new()
    {
        ["AlexNet"] = new(typeof(AlexNet), 61_100_840, 0, "alexnet"),
        ["AlexNetOriginal"] = new(typeof(AlexNetOriginal), 60_965_224, 0, null),
        ["Vgg16"] = new(typeof(Vgg16), 138_357_544, 0, "vgg16"),
        ["GoogLeNet"] = new(typeof(GoogLeNet), 6_624_904, 14_560, "googlenet"),
        ["InceptionV3"] = new(typeof(InceptionV3), 23_834_568, 34_432, "inception_v3"),
        // torchvision's defaults (aux_logits=True), the auxiliary heads' keys included, as in the published weight files.
        ["GoogLeNetAux"] = new(typeof(GoogLeNetAux), 13_004_888, 15_072, "googlenet_aux"),
        ["InceptionV3Aux"] = new(typeof(InceptionV3Aux), 27_161_264, 36_224, "inception_v3_aux"),
        // Published: 42,679,816 (keras-hub's inception_v4_imagenet preset; osmr/imgclsmob's InceptionV4 test).
        ["InceptionV4"] = new(typeof(InceptionV4), 42_679_816, 63_168, null),
        // Keras InceptionResNetV2: 55,873,736 in total = 55,813,192 trainable (its batch norms have no gamma: bn(scale: false))
        // + 60,544 statistics.
        ["InceptionResNetV2"] = new(typeof(InceptionResNetV2), 55_813_192, 60_544, null),
        ["Xception"] = new(typeof(Xception), 22_855_952, 54_528, null),
        ["SqueezeNet10"] = new(typeof(SqueezeNet10), 1_248_424, 0, "squeezenet1_0"),
        ["SqueezeNet11"] = new(typeof(SqueezeNet11), 1_235_496, 0, "squeezenet1_1"),
        // Keras MobileNet: 4,253,864 in total, of which 21,888 batch-norm statistics.
        ["MobileNetV1"] = new(typeof(MobileNetV1), 4_231_976, 21_888, null),
        ["MobileNetV2"] = new(typeof(MobileNetV2), 3_504_872, 34_112, "mobilenet_v2"),
        ["MobileNetV3Large"] = new(typeof(MobileNetV3Large), 5_483_032, 24_400, "mobilenet_v3_large"),
        ["MobileNetV3Small"] = new(typeof(MobileNetV3Small), 2_542_856, 12_112, "mobilenet_v3_small"),
        ["ResNet50"] = new(typeof(ResNet50), 25_557_032, 53_120, "resnet50"),
        ["ResNeXt50_32x4d"] = new(typeof(ResNeXt50_32x4d), 25_028_904, 68_224, "resnext50_32x4d"),
        ["DenseNet121"] = new(typeof(DenseNet121), 7_978_856, 83_648, "densenet121"),
        ["VitB16"] = new(typeof(VitB16), 86_567_656, 0, "vit_b_16"),
        ["ConvNeXtTiny"] = new(typeof(ConvNeXtTiny), 28_589_128, 0, "convnext_tiny"),
        // Its relative_position_index buffers are int64 bookkeeping, like num_batches_tracked: in the manifest, not in the statistics.
        ["SwinT"] = new(typeof(SwinT), 28_288_354, 0, "swin_t"),
        ["ShuffleNetV2"] = new(typeof(ShuffleNetV2), 2_278_604, 16_180, "shufflenet_v2_x1_0"),
        ["RegNetX400MF"] = new(typeof(RegNetX400MF), 5_495_976, 37_856, "regnet_x_400mf"),
        ["RegNetY400MF"] = new(typeof(RegNetY400MF), 4_344_144, 27_152, "regnet_y_400mf"),
        // MnasNet's default alpha is 0.5; WidthMultiplierTests builds 0.75, 1.0 and 1.3 from the same declaration.
        ["MnasNet"] = new(typeof(MnasNet), 2_218_512, 20_624, "mnasnet0_5"),
        // EfficientNet's defaults are B0; EfficientNetVariantTests builds B1, B3 and B7 from the same declaration.
        ["EfficientNet"] = new(typeof(EfficientNet), 5_288_548, 42_016, "efficientnet_b0"),
        // nanoGPT's sum over parameters(): the tied token embedding once, the position embedding included.
        ["Gpt2"] = new(typeof(Gpt2), 124_439_808, 0, "gpt2", Classes: 50_257),
    };

    /// <summary>The length of the token sequence a language model runs on (its symbolic axis 't').</summary>
    private const long SequenceLength = 5;

    public static TheoryData<string> Networks => new(References.Keys);

    [Fact]
    public void TheZooCommand_ListsExactlyTheTestedNetworks()
    {
        Assert.Equal(References.Values.Select(r => r.Network.Name).OrderBy(n => n, StringComparer.Ordinal), Program.Networks().Select(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Network_MatchesItsReference(string name)
    {
        var reference = References[name];
        var network = reference.Network;
        Assert.Equal(reference.Parameters, Constant(network, "ParameterCount"));
        Assert.Equal(reference.Statistics, Constant(network, "BufferCount"));

        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var model = Build(network);
        var outputs = ((INetwork)model).Outputs;
        var auxiliary = outputs.Any(o => o.WhileTraining);
        model.train(auxiliary);
        var batch = auxiliary ? 2L : 1L;

        Assert.Equal(reference.Parameters, model.parameters().Sum(p => p.numel()));
        Assert.Equal(reference.Statistics, model.named_buffers().Where(b => b.buffer.is_floating_point()).Sum(b => b.buffer.numel()));
        if (reference.Manifest is { } manifest) AssertTorchvisionKeys(model, manifest);

        // One forward pass, a hook on every layer of the compile-time summary.
        var layers = (IReadOnlyList<LayerInfo>)network.GetProperty("Layers")!.GetValue(null)!;
        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);
        var seen = new Dictionary<string, long[]>();
        var hooks = new List<Action>();
        foreach (var layer in layers.Where(RunsAsModule))
        {
            Assert.True(modules.ContainsKey(layer.Path), $"{name}: no module at '{layer.Path}'");
            var path = layer.Path;
            var handle = ((nn.Module<Tensor, Tensor>)modules[path]).register_forward_hook((_, _, output) =>
            {
                seen[path] = output.shape;
                return output;
            });
            hooks.Add(handle.remove);
        }
        var input = (Shape)network.GetProperty("DeclaredInputShape")!.GetValue(null)!;
        var call = ModelCalls.For(model);
        var inputShape = new long[] { batch }.Concat(RunTime(input)).ToArray();
        IReadOnlyList<Tensor?> returned;
        using (torch.no_grad()) returned = call(input.IsIds ? randint(reference.Classes, inputShape) : randn(inputShape));
        foreach (var remove in hooks) remove();

        foreach (var layer in layers.Where(RunsAsModule))
        {
            Assert.True(seen.ContainsKey(layer.Path), $"{name}: '{layer.Path}' never ran");
            Assert.True(new long[] { batch }.Concat(RunTime(layer.Output)).SequenceEqual(seen[layer.Path]),
                $"{name}: '{layer.Path}' is [{string.Join(", ", seen[layer.Path])}] at run time, the build said [{batch}, {layer.Output}]");
        }
        // An image classifier's output is [classes], a language model's [t, vocabulary].
        var expected = input.IsIds ? new long[] { SequenceLength, reference.Classes } : new long[] { reference.Classes };
        Assert.Equal(outputs.Count, returned.Count);
        foreach (var (declared, tensor) in outputs.Zip(returned))
        {
            Assert.Equal(expected, RunTime(declared.Shape));
            Assert.Equal(new long[] { batch }.Concat(expected), tensor!.shape);
        }
        Assert.Equal(expected, RunTime((Shape)network.GetProperty("OutputShape")!.GetValue(model)!));
        if (!auxiliary) return;

        // In evaluation only the main output: the auxiliary heads neither run nor return anything.
        model.eval();
        using (torch.no_grad()) returned = call(randn(new long[] { 1 }.Concat(input.ToArray()).ToArray()));
        Assert.Equal(new long[] { 1, reference.Classes }, returned[0]!.shape);
        Assert.All(returned.Skip(1), Assert.Null);
    }

    /// <summary>
    /// A summary line that is a module of its own, whose output a hook sees: not a merge or a method ('(add)', '(flatten)'),
    /// not a learned tensor (a parameter or buffer of its block, whose shape the key manifest checks).
    /// </summary>
    private static bool RunsAsModule(LayerInfo layer) =>
        !layer.Path.Contains('(') && !layer.Op.StartsWith("parameter(", StringComparison.Ordinal) && !layer.Op.StartsWith("buffer(", StringComparison.Ordinal);

    /// <summary>A compile-time shape at run time: a symbolic axis (a sequence's 't') has SequenceLength elements.</summary>
    internal static long[] RunTime(Shape shape) =>
        Enumerable.Range(0, shape.Rank).Select(axis => shape.IsSymbolic(axis) ? SequenceLength : shape[axis]).ToArray();

    /// <summary>
    /// TorchSharp's state_dict holds exactly the reference's keys, and in PyTorch's state_dict order (each module's
    /// parameters, then its buffers, then its children in registration order) keys and shapes equal the manifest line
    /// by line. (TorchSharp's own state_dict lists all parameters before all buffers, so only its key set is compared.)
    /// </summary>
    internal static void AssertTorchvisionKeys(nn.Module model, string manifest)
    {
        var expected = File.ReadAllLines(Path.Combine(ZooFiles.Tests, "Manifests", manifest + ".txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        var expectedKeys = expected.Select(line => line.Substring(0, line.IndexOf(' '))).ToHashSet(StringComparer.Ordinal);
        var stateDict = model.state_dict().Keys.ToHashSet(StringComparer.Ordinal);
        var extra = stateDict.Where(k => !expectedKeys.Contains(k)).ToList();
        var missing = expectedKeys.Where(k => !stateDict.Contains(k)).ToList();
        Assert.True(extra.Count == 0 && missing.Count == 0,
            $"{manifest}: state_dict has {extra.Count} key(s) torchvision lacks ({string.Join(", ", extra.Take(4))}) and lacks {missing.Count} ({string.Join(", ", missing.Take(4))})");

        var actual = PyTorchOrder(model, "").Select(e => $"{e.Key} [{string.Join(", ", e.Shape)}]").ToList();
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i], $"{manifest}: key {i + 1} is '{actual[i]}', torchvision has '{expected[i]}'");
        Assert.Equal(expected.Count, actual.Count);
    }

    /// <summary>
    /// PyTorch's state_dict order: a module's own entries (parameters, then buffers; a tied weight, such as GPT-2's
    /// lm_head.weight, is its module's own entry too), then its children's. A module reached twice counts once, under
    /// its first name, as PyTorch's named_modules does: TorchSharp's register_module also registers a child's module
    /// fields under their field names, so a generated child held in field '_0' and registered as '0' shows up twice in
    /// named_children.
    /// </summary>
    internal static IEnumerable<(string Key, long[] Shape)> PyTorchOrder(nn.Module module, string prefix, HashSet<object>? seen = null)
    {
        seen ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var (name, tensor) in module.state_dict().Where(entry => !entry.Key.Contains('.'))) yield return (prefix + name, tensor.shape);
        foreach (var (name, child) in module.named_children())
        {
            if (!seen.Add(child)) continue;
            foreach (var entry in PyTorchOrder(child, prefix + name + ".", seen)) yield return entry;
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Network_RegistersEveryModuleOnce(string name)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = Build(References[name].Network);
        var aliases = model.named_modules().GroupBy(m => m.module, ReferenceEqualityComparer.Instance).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g.Select(m => m.name))).ToList();
        Assert.True(aliases.Count == 0, $"{name}: {aliases.Count} module(s) registered twice, e.g. {string.Join("; ", aliases.Take(3))}");
    }

    /// <summary>Builds a network with its declared defaults (the generated constructor takes them as optional arguments).</summary>
    internal static nn.Module Build(Type network)
    {
        var constructor = network.GetConstructors().Single();
        return (nn.Module)constructor.Invoke(constructor.GetParameters().Select(p => p.DefaultValue).ToArray());
    }

    private static long Constant(Type network, string field) => (long)network.GetField(field)!.GetRawConstantValue()!;
}
