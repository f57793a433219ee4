using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Outputs;
using NetDsl.Zoo;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// The zoo's networks compute what torchvision computes: on the same weights and input (a formula both sides evaluate,
/// Outputs/torchvision_outputs.py), in evaluation, the main output and each auxiliary head applied to the features it
/// reads equal torchvision 0.14's (Outputs/torchvision_outputs.txt, written by that script). The networks with auxiliary
/// heads, and full-size mirrors whose weight files would be too large to commit (MobileNet v3, EfficientNet B0, ShuffleNet
/// v2, RegNet, MnasNet).
/// </summary>
public sealed class ZooOutputTests
{
    private const int Classes = 10;

    public static TheoryData<string> Networks => new() { "GoogLeNetAux", "InceptionV3Aux", "ShuffleNetV2", "RegNetX400MF", "RegNetY400MF", "MnasNet", "MobileNetV3Large", "MobileNetV3Small", "EfficientNet" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Outputs_equal_torchvisions(string name)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (model, size, heads) = name switch
        {
            "GoogLeNetAux" => ((nn.Module)new GoogLeNetAux(Classes), 224L, new[] { ("aux1", "inception4a"), ("aux2", "inception4d") }),
            "InceptionV3Aux" => (new InceptionV3Aux(Classes), 299L, new[] { ("AuxLogits", "Mixed_6e") }),
            "ShuffleNetV2" => (new ShuffleNetV2(Classes), 224L, Array.Empty<(string, string)>()),
            "RegNetX400MF" => (new RegNetX400MF(Classes), 224L, Array.Empty<(string, string)>()),
            "RegNetY400MF" => (new RegNetY400MF(Classes), 224L, Array.Empty<(string, string)>()),
            "MnasNet" => (new MnasNet(num_classes: Classes), 224L, Array.Empty<(string, string)>()),
            "MobileNetV3Large" => (new MobileNetV3Large(num_classes: Classes), 224L, Array.Empty<(string, string)>()),
            "MobileNetV3Small" => (new MobileNetV3Small(num_classes: Classes), 224L, Array.Empty<(string, string)>()),
            "EfficientNet" => (new EfficientNet(num_classes: Classes), 224L, Array.Empty<(string, string)>()),
            _ => throw new ArgumentException(name),
        };
        Fill(model);
        model.eval();
        var modules = model.named_modules().ToDictionary(m => m.name, m => (nn.Module<Tensor, Tensor>)m.module);
        var features = new Dictionary<string, Tensor>();
        foreach (var (head, source) in heads)
        {
            modules[source].register_forward_hook((_, _, output) =>
            {
                // A copy: the forward releases its intermediates at their last use (the memory plan), this one included.
                features[head] = output.clone();
                return output;
            });
        }
        var input = arange(3 * size * size, dtype: ScalarType.Float64).mul(0.01).sin().to(ScalarType.Float32).reshape(1, 3, size, size);

        using var noGrad = no_grad();
        var returned = ModelCalls.For(model)(input);
        Assert.All(returned.Skip(1), Assert.Null);
        var actual = new List<(string Output, Tensor Value)> { ("logits", returned[0]!) };
        actual.AddRange(heads.Select(h => (h.Item1, modules[h.Item1].call(features[h.Item1]))));

        var expected = Expected(name);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Select(a => a.Output).Order(StringComparer.Ordinal));
        foreach (var (output, value) in actual)
        {
            var values = value.data<float>().ToArray();
            var reference = expected[output];
            Assert.Equal(reference.Length, values.Length);
            var tolerance = 1e-3 * reference.Max(Math.Abs);
            for (var i = 0; i < values.Length; i++)
                Assert.True(Math.Abs(values[i] - reference[i]) <= tolerance, $"{name} {output}[{i}] is {values[i]}, torchvision's {reference[i]}");
        }
    }

    /// <summary>torchvision_outputs.py's weights: each state_dict entry from its key and flat index, computed in float64.</summary>
    private static void Fill(nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var (key, value) in model.state_dict())
        {
            if (key.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
            var wave = arange(value.numel(), dtype: ScalarType.Float64).mul(0.1).add(key.Length).sin();
            if (value.dim() >= 2) wave = wave.mul(Math.Sqrt(4.0 / (value.numel() / value.shape[0])));
            else if (key.EndsWith("running_var", StringComparison.Ordinal) || key.EndsWith(".weight", StringComparison.Ordinal)) wave = wave.mul(0.1).add(1);
            else wave = wave.mul(0.1);
            value.copy_(wave.reshape(value.shape).to(ScalarType.Float32));
        }
    }

    private static Dictionary<string, double[]> Expected(string network) =>
        File.ReadAllLines(Path.Combine(ZooFiles.Tests, "Outputs", "torchvision_outputs.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' '))
            .Where(fields => fields[0] == network)
            .ToDictionary(fields => fields[1], fields => fields.Skip(2).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
}
