using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Zoo;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Export;

/// <summary>
/// Every zoo network, exported to ONNX and run by ONNX Runtime, gives the TorchSharp module's eval outputs (within
/// <see cref="OnnxCheck.Tolerance"/> of each output's scale), on a batch of two, which the file's dynamic batch axis
/// allows (one for the five networks of 20 million parameters and more, whose weights dominate the time). ViT-B/16 and
/// GPT-2 run at a small configuration of the same declaration, EfficientNet at B0, so the suite stays fast.
/// </summary>
public sealed class ZooOnnxTests
{
    private static readonly Dictionary<string, (Func<nn.Module> Build, long[] Input, long Batch)> Networks = new()
    {
        ["AlexNet"] = (() => new AlexNet(classes: 10), new long[] { 3, 224, 224 }, 1),
        ["AlexNetOriginal"] = (() => new AlexNetOriginal(classes: 10), new long[] { 3, 227, 227 }, 1),
        ["GoogLeNet"] = (() => new GoogLeNet(classes: 10), new long[] { 3, 224, 224 }, 2),
        ["GoogLeNetAux"] = (() => new GoogLeNetAux(classes: 10), new long[] { 3, 224, 224 }, 2),
        ["InceptionV3Aux"] = (() => new InceptionV3Aux(classes: 10), new long[] { 3, 299, 299 }, 2),
        ["SqueezeNet10"] = (() => new SqueezeNet10(classes: 10), new long[] { 3, 224, 224 }, 2),
        ["SqueezeNet11"] = (() => new SqueezeNet11(classes: 10), new long[] { 3, 224, 224 }, 2),
        ["MobileNetV1"] = (() => new MobileNetV1(classes: 10), new long[] { 3, 224, 224 }, 2),
        ["MobileNetV2"] = (() => new MobileNetV2(classes: 10), new long[] { 3, 224, 224 }, 2),
        ["MobileNetV3Large"] = (() => new MobileNetV3Large(num_classes: 10), new long[] { 3, 224, 224 }, 2),
        ["MobileNetV3Small"] = (() => new MobileNetV3Small(num_classes: 10), new long[] { 3, 224, 224 }, 2),
        ["ResNet50"] = (() => new ResNet50(classes: 10), new long[] { 3, 224, 224 }, 2),
        ["ResNeXt50_32x4d"] = (() => new ResNeXt50_32x4d(classes: 10), new long[] { 3, 224, 224 }, 2),
        ["DenseNet121"] = (() => new DenseNet121(classes: 10), new long[] { 3, 224, 224 }, 2),
        ["EfficientNet"] = (() => new EfficientNet(num_classes: 10), new long[] { 3, 224, 224 }, 2),
        ["Xception"] = (() => new Xception(classes: 10), new long[] { 3, 299, 299 }, 1),
        ["InceptionV4"] = (() => new InceptionV4(classes: 10), new long[] { 3, 299, 299 }, 1),
        ["InceptionResNetV2"] = (() => new InceptionResNetV2(classes: 10), new long[] { 3, 299, 299 }, 1),
        ["Vgg16"] = (() => new Vgg16(classes: 10), new long[] { 3, 224, 224 }, 1),
        ["ConvNeXtTiny"] = (() => new ConvNeXtTiny(num_classes: 10), new long[] { 3, 224, 224 }, 2),
        ["InceptionV3"] = (() => new InceptionV3(classes: 10), new long[] { 3, 299, 299 }, 2),
        ["VitB16"] = (() => new VitB16(image_size: 32, patch_size: 8, num_layers: 2, num_heads: 4, hidden_dim: 32, mlp_dim: 64, num_classes: 10), new long[] { 3, 32, 32 }, 2),
        ["SwinT"] = (() => new SwinT(embed_dim: 8, num_heads: 1, window_size: 2, num_classes: 10, image_size: 32), new long[] { 3, 32, 32 }, 2),
        ["ShuffleNetV2"] = (() => new ShuffleNetV2(num_classes: 10), new long[] { 3, 224, 224 }, 2),
        ["RegNetX400MF"] = (() => new RegNetX400MF(num_classes: 10), new long[] { 3, 224, 224 }, 2),
        ["RegNetY400MF"] = (() => new RegNetY400MF(num_classes: 10), new long[] { 3, 224, 224 }, 2),
        ["MnasNet"] = (() => new MnasNet(num_classes: 10), new long[] { 3, 224, 224 }, 2),
    };

    [Fact]
    public void Gpt2_at_a_small_configuration_computes_the_same_logits_for_any_sequence_length()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new Gpt2(vocab_size: 97, block_size: 16, n_layer: 2, n_head: 4, n_embd: 32);
        OnnxCheck.Fill(model);
        var path = OnnxCheck.ExportAndCompare(model, OnnxCheck.Ids(97, new long[] { 2, 7 }));
        // The same file, another length: the sequence axis is dynamic.
        OnnxCheck.Compare(model, path, OnnxCheck.Ids(97, new long[] { 3, 12 }, seed: 3));
    }

    public static TheoryData<string> Names => new(Networks.Keys);

    [Fact]
    public void Every_zoo_network_is_checked()
    {
        Assert.Equal(Program.Networks().Select(t => t.Name).Order(StringComparer.Ordinal), Networks.Keys.Append("Gpt2").Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void OnnxRuntime_computes_what_the_module_computes(string name)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (build, sample, batch) = Networks[name];
        var model = build();
        OnnxCheck.Fill(model);
        var input = OnnxCheck.Input(sample.Prepend(batch).ToArray());
        OnnxCheck.ExportAndCompare(model, input);
    }
}
