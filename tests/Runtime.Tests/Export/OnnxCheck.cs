using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using NetDsl.Runtime.Export;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Export;

/// <summary>
/// Exports a module, runs the file in ONNX Runtime and compares every eval-mode output with the module's own. The
/// tolerance is 1e-5 of the largest magnitude of each output: both sides compute in float32, but sum in different orders
/// (ONNX Runtime's MLAS kernels, libtorch's oneDNN), so element-wise relative error is meaningless for outputs near zero;
/// relative to the output's scale it bounds what reordered float32 sums give through a deep network.
/// </summary>
internal static class OnnxCheck
{
    public const double Tolerance = 1e-5;

    /// <summary>
    /// Batch-norm statistics, norm weights and biases that exercise every key (a deterministic wave per key: the defaults,
    /// zeros and ones, would hide a swapped or missing one), and the matrices drawn again from a generator of the test's
    /// own, uniform in ±1/√fan-in as PyTorch's default initialisation is: the module's constructor draws from torch's
    /// global generator, which test classes running in parallel share, so its weights (and whether a deep network's
    /// rounding stays within the tolerance) changed from run to run.
    /// </summary>
    public static void Fill(nn.Module model, ulong seed = 1)
    {
        using var noGrad = no_grad();
        using var generator = new Generator(seed);
        foreach (var (key, value) in model.state_dict())
        {
            if (!value.is_floating_point()) continue;
            if (value.dim() >= 2)
            {
                var bound = 1.0 / Math.Sqrt(value.numel() / value.shape[0]);
                value.copy_(rand(value.shape, generator: generator).mul_(2 * bound).sub_(bound).to(value.dtype));
                continue;
            }
            var wave = arange(value.numel(), dtype: ScalarType.Float32).mul(0.37f).add(key.Length).sin();
            wave = key.EndsWith("running_var", StringComparison.Ordinal) || key.EndsWith(".weight", StringComparison.Ordinal) ? wave.mul(0.2f).add(1) : wave.mul(0.1f);
            value.copy_(wave.reshape(value.shape).to(value.dtype));
        }
    }

    /// <summary>A standard-normal input drawn from a generator of the test's own (see <see cref="Fill"/>).</summary>
    public static Tensor Input(long[] shape, ulong seed = 2)
    {
        using var generator = new Generator(seed);
        return randn(shape, generator: generator);
    }

    /// <summary>Token ids below <paramref name="vocabulary"/>, drawn from a generator of the test's own (see <see cref="Fill"/>).</summary>
    public static Tensor Ids(long vocabulary, long[] shape, ulong seed = 2)
    {
        using var generator = new Generator(seed);
        return randint(0, vocabulary, shape, dtype: ScalarType.Int64, generator: generator);
    }

    /// <summary>The module's eval-mode outputs on <paramref name="input"/>, main first, as the export names them.</summary>
    public static IReadOnlyList<(string Name, float[] Values, long[] Shape)> TorchOutputs(nn.Module model, Tensor input)
    {
        using var noGrad = no_grad();
        var network = (INetwork)model;
        var values = network is ISeveralOutputs<Tensor> several ? several.CallOutputs(input).ToArray() : new Tensor?[] { ((nn.Module<Tensor, Tensor>)model).call(input) };
        return network.Outputs.Select((o, i) => (o, values[i])).Where(p => !p.o.WhileTraining)
            .Select(p => (p.o.Name, p.Item2!.contiguous().data<float>().ToArray(), p.Item2!.shape)).ToList();
    }

    /// <summary>Exports <paramref name="model"/> (in eval mode) and asserts ONNX Runtime computes its outputs on <paramref name="input"/>.</summary>
    public static string ExportAndCompare(nn.Module model, Tensor input, string? folder = null)
    {
        model.eval();
        AssertStateKeys(model);
        var path = Path.Combine(folder ?? TestPaths.NewTempFolder(), model.GetType().Name + ".onnx");
        model.ExportOnnx(path);
        Compare(model, path, input);
        return path;
    }

    /// <summary>
    /// Asserts that the graph lists the module's state_dict keys, every one (those the eval graph does not read too): the
    /// command-line tool checks a weights file against that list without a module to ask.
    /// </summary>
    public static void AssertStateKeys(nn.Module model)
    {
        var graph = OnnxExport.OnnxGraph((INetwork)model);
        Assert.Equal(model.state_dict().Keys.Order(StringComparer.Ordinal), graph.StateKeys.Order(StringComparer.Ordinal));
    }

    /// <summary>Asserts that ONNX Runtime, running the file at <paramref name="path"/>, computes the module's outputs on <paramref name="input"/>.</summary>
    public static void Compare(nn.Module model, string path, Tensor input)
    {
        var expected = TorchOutputs(model, input);
        var actual = Run(path, input);
        Assert.Equal(expected.Select(e => e.Name), actual.Select(a => a.Name));
        foreach (var ((name, want, wantShape), (_, got, gotShape)) in expected.Zip(actual))
        {
            Assert.Equal(wantShape, gotShape);
            var scale = want.Length == 0 ? 1 : want.Max(v => Math.Abs((double)v));
            var worst = want.Zip(got).Max(p => Math.Abs((double)p.First - p.Second));
            Assert.True(worst <= Tolerance * Math.Max(scale, 1e-6), $"{model.GetType().Name} output '{name}': largest difference {worst:G3}, output scale {scale:G3}, allowed {Tolerance * scale:G3}");
        }
    }

    /// <summary>Runs an ONNX file on one input (float, or int64 token ids) and gives every output.</summary>
    public static IReadOnlyList<(string Name, float[] Values, long[] Shape)> Run(string path, Tensor input)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(path, options);
        var name = session.InputMetadata.Keys.Single();
        using var value = input.dtype == ScalarType.Int64
            ? OrtValue.CreateTensorValueFromMemory(input.contiguous().data<long>().ToArray(), input.shape)
            : OrtValue.CreateTensorValueFromMemory(input.contiguous().data<float>().ToArray(), input.shape);
        using var results = session.Run(new RunOptions(), new[] { name }, new[] { value }, session.OutputNames);
        return session.OutputNames.Zip(results).Select(p => (p.First, p.Second.GetTensorDataAsSpan<float>().ToArray(), p.Second.GetTensorTypeAndShape().Shape)).ToList();
    }
}
