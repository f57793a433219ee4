using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using NetDsl.Compiler;
using NetDsl.Emit;
using NetDsl.Runtime.Tests.Zoo;
using NetDsl.Runtime.Weights;
using WeightFiles = NetDsl.Runtime.Weights.Weights;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.PyTorchExport;

/// <summary>
/// Every zoo and example network exported to PyTorch (<see cref="PyTorchEmitter"/>) round-trips with the TorchSharp
/// module the generator made from the same declaration, under the PyTorch that python3 has (Debian's 1.13 here):
/// weights NetDsl saves load with load_state_dict(strict=True) into the exported module, whose state_dict has the
/// same keys, order and shapes, and its evaluation outputs equal NetDsl's within 1e-5 (relative to the largest);
/// weights PyTorch saves from the exported module load back into the TorchSharp module exactly.
/// Big networks run in small configurations of their own parameters where one exists (a few layers of GPT-2 and
/// ViT, ten classes), so each case costs seconds.
/// </summary>
[Collection(PyTorchCollection.Name)]
public sealed class PyTorchRoundTripTests
{
    private const double Tolerance = 1e-5;

    /// <summary>A network, the folder of its declaration, and the arguments it is built and exported with.</summary>
    public sealed record Case(string Network, string Folder, params (string Name, object Value)[] Arguments)
    {
        public override string ToString() => Network + (Arguments.Length == 0 ? "" : "(" + string.Join(", ", Arguments.Select(a => $"{a.Name}={a.Value}")) + ")");
    }

    private const string Zoo = "Zoo";
    private const string Examples = "Networks";

    public static TheoryData<Case> Cases => new()
    {
        new("AlexNet", Zoo, ("classes", 10L)),
        new("AlexNetOriginal", Zoo, ("classes", 10L)),
        new("ConvNeXtTiny", Zoo, ("num_classes", 10L)),
        new("DenseNet121", Zoo, ("classes", 10L)),
        new("EfficientNet", Zoo, ("width_mult", 0.5), ("depth_mult", 0.5), ("num_classes", 10L)),
        new("GoogLeNet", Zoo, ("classes", 10L)),
        new("GoogLeNetAux", Zoo, ("classes", 10L)),
        new("Gpt2", Zoo, ("vocab_size", 96L), ("block_size", 16L), ("n_layer", 2L), ("n_head", 2L), ("n_embd", 32L)),
        new("InceptionV3", Zoo, ("classes", 10L)),
        new("InceptionV3Aux", Zoo, ("classes", 10L)),
        new("InceptionV4", Zoo, ("classes", 10L)),
        new("InceptionResNetV2", Zoo, ("classes", 10L)),
        new("MobileNetV1", Zoo, ("classes", 10L)),
        new("MobileNetV2", Zoo, ("classes", 10L)),
        new("MobileNetV3Large", Zoo, ("num_classes", 10L)),
        new("MobileNetV3Small", Zoo, ("num_classes", 10L)),
        new("ResNet50", Zoo, ("classes", 10L)),
        new("ResNeXt50_32x4d", Zoo, ("classes", 10L)),
        new("SqueezeNet10", Zoo, ("classes", 10L)),
        new("SqueezeNet11", Zoo, ("classes", 10L)),
        new("Vgg16", Zoo, ("classes", 10L)),
        new("VitB16", Zoo, ("image_size", 32L), ("patch_size", 8L), ("num_layers", 2L), ("num_heads", 2L), ("hidden_dim", 32L), ("mlp_dim", 64L), ("num_classes", 10L)),
        new("Xception", Zoo, ("classes", 10L)),
        new("SwinT", Zoo, ("embed_dim", 8L), ("num_heads", 1L), ("window_size", 2L), ("num_classes", 10L), ("image_size", 32L)),
        new("ShuffleNetV2", Zoo, ("num_classes", 10L)),
        new("RegNetX400MF", Zoo, ("num_classes", 10L)),
        new("RegNetY400MF", Zoo, ("num_classes", 10L)),
        new("MnasNet", Zoo, ("num_classes", 10L)),
        new("SmallCnn", Examples),
        new("ResNet20", Examples),
        new("MiniGoogLeNet", Examples),
        new("TwoHeads", Examples),
        new("Tour", Examples),
        new("TinyVit", Examples),
        new("TinyGpt", Examples),
        new("TinyConvNext", Examples),
        new("TokenTagger", Examples),
        new("PatchMixer", Examples),
        new("SequenceHeads", Examples),
        new("ChannelsLast", Examples),
        new("TinySwin", Examples),
        new("ShiftedStem", Examples),
        new("TinyShuffleNet", Examples),
    };

    [Fact]
    public void Every_zoo_network_is_a_case()
    {
        var cases = ((IEnumerable<object[]>)Cases).Select(row => (Case)row[0]).Where(c => c.Folder == Zoo).Select(c => c.Network);
        Assert.Equal(NetDsl.Zoo.Program.Networks().Select(t => t.Name).Order(StringComparer.Ordinal), cases.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Weights_and_outputs_round_trip_with_pytorch(Case test)
    {
        TorchNative.EnsureLoaded();
        var python = PythonTorch.Path;
        var folder = Path.Combine(Path.GetTempPath(), "netdsl-pytorch-export", test.Network + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var sources = Directory.GetFiles(Path.Combine(ZooFiles.Root, "examples", test.Folder), "*.net").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new DslSource(f, File.ReadAllText(f))).ToList();
            var export = PyTorchEmitter.Export(sources, new[] { test.Network }, test.Arguments.ToDictionary(a => a.Name, a => Text(a.Value)));
            Assert.True(export.Succeeded, string.Join("\n", export.Errors.Concat(export.Diagnostics.Select(d => d.ToString()))));
            File.WriteAllText(Path.Combine(folder, "model.py"), export.Text);
            File.WriteAllText(Path.Combine(folder, "job.json"), $"{{\"class\": \"{test.Network}\", \"tolerance\": {Tolerance.ToString("R", CultureInfo.InvariantCulture)}}}");

            using var scope = NewDisposeScope();
            var model = Build(test);
            Fill(model, seed: 3);
            model.eval();
            var input = Input((INetwork)model);
            var io = new Dictionary<string, Tensor> { ["input.0"] = input };
            foreach (var (output, index) in Outputs(model, input).Select((o, i) => (o, i)))
            {
                if (output is not null) io[$"output.{index}"] = output;
            }
            model.SaveWeights(Path.Combine(folder, "netdsl.pt"));
            WeightFiles.Save(io, Path.Combine(folder, "io.pt"));

            var (code, stdout, stderr) = PythonTorch.Run(python, TimeSpan.FromMinutes(5), Path.Combine(ZooFiles.Root, "tests", "Runtime.Tests", "PyTorchExport", "roundtrip.py"), folder);
            Assert.True(code == 0, $"{test}: roundtrip.py failed:\n{stderr}\n{stdout}");

            // PyTorch's weights load back exactly (their outputs are equal when the weights are: compared above).
            model.LoadWeights(Path.Combine(folder, "torch.pt"));
            var back = model;
            var saved = WeightFiles.ReadTensors(Path.Combine(folder, "torch.pt"));
            Assert.Equal(saved.Keys.Order(StringComparer.Ordinal), back.state_dict().Keys.Order(StringComparer.Ordinal));
            foreach (var (key, value) in back.state_dict()) Assert.True(value.shape.SequenceEqual(saved[key].shape) && value.eq(saved[key]).all().item<bool>(), $"{test}: {key} differs after loading PyTorch's weights");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Text(object value) => value switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>The generated class of the network, built with the case's arguments (the others at their defaults).</summary>
    private static nn.Module Build(Case test)
    {
        var assembly = test.Folder == Zoo ? typeof(NetDsl.Zoo.ResNet50).Assembly : typeof(NetDsl.Examples.SmallCnn).Assembly;
        var type = assembly.GetTypes().Single(t => t.Name == test.Network && typeof(nn.Module).IsAssignableFrom(t));
        var constructor = type.GetConstructors().Single();
        var values = constructor.GetParameters().Select(p =>
        {
            var given = test.Arguments.FirstOrDefault(a => a.Name == p.Name);
            if (given.Name is null) return Type.Missing;
            var target = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            return Convert.ChangeType(given.Value, target, CultureInfo.InvariantCulture);
        }).ToArray();
        return (nn.Module)constructor.Invoke(BindingFlags.OptionalParamBinding, null, values, CultureInfo.InvariantCulture);
    }

    /// <summary>Seeded values that keep activations moderate (as roundtrip.py's fill): weights ~ N(0, 1/fan_in), norms near 1.</summary>
    private static void Fill(nn.Module model, int seed)
    {
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (key, value) in model.state_dict())
        {
            if (!value.is_floating_point()) continue;
            var noise = randn(value.shape, value.dtype, generator: generator);
            if (key.EndsWith("running_var", StringComparison.Ordinal)) noise = noise.abs() * 0.5 + 0.5;
            else if (value.dim() >= 2) noise = noise / Math.Sqrt(value[0].numel());
            else if (key.EndsWith("weight", StringComparison.Ordinal)) noise = noise * 0.1 + 1;
            else noise = noise * 0.1;
            value.copy_(noise);
        }
    }

    /// <summary>One sample of the declared input (symbolic axes at their bound): normal floats, or token ids below 10.</summary>
    private static Tensor Input(INetwork network)
    {
        var shape = network.InputShape;
        var sizes = new long[shape.Rank + 1];
        sizes[0] = 1;
        for (var i = 0; i < shape.Rank; i++) sizes[i + 1] = shape[i];
        using var generator = new Generator(11);
        return shape.IsIds ? randint(10, sizes, generator: generator) : randn(sizes, generator: generator);
    }

    /// <summary>The network's outputs in evaluation, in declared order (null for one that exists only while training).</summary>
    private static IReadOnlyList<Tensor?> Outputs(nn.Module model, Tensor input)
    {
        using var noGrad = no_grad();
        return model is ISeveralOutputs<Tensor> several ? several.CallOutputs(input) : new Tensor?[] { ((nn.Module<Tensor, Tensor>)model).call(input) };
    }
}

/// <summary>The PyTorch export tests run one at a time: each starts a Python process that uses the cores itself.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PyTorchCollection
{
    public const string Name = "PyTorch export";
}
