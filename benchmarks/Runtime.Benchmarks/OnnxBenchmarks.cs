using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using NetDsl.Runtime.Export;
using NetDsl.Zoo;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// Inference of the zoo's ResNet-50 (batch 8) and MobileNet v2 (batch 1): the generated TorchSharp module (eval, no
/// gradients) against ONNX Runtime running its export, in the same process and on the same number of threads (both
/// libraries' intra-op pools set to <see cref="Threads"/>); and the export itself. TorchSharp is the baseline, so Ratio is
/// ONNX Runtime / TorchSharp.
/// </summary>
[MemoryDiagnoser]
public class OnnxBenchmarks
{
    private nn.Module<Tensor, Tensor> _module = null!;
    private InferenceSession _session = null!;
    private OrtValue _ortInput = null!;
    private Tensor _input = null!;
    private string _folder = null!;
    private string _inputName = null!;

    [Params("ResNet50", "MobileNetV2")]
    public string Network { get; set; } = "";

    /// <summary>Intra-op threads of both runtimes: the machine's cores.</summary>
    public static int Threads => Environment.ProcessorCount;

    private long Batch => Network == "ResNet50" ? 8 : 1;

    [GlobalSetup]
    public void Setup()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(Threads);
        torch.manual_seed(1).Dispose();
        _module = Network == "ResNet50" ? new ResNet50() : new MobileNetV2();
        _module.eval();
        _folder = Path.Combine(Path.GetTempPath(), "netdsl-onnx-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, Network + ".onnx");
        _module.ExportOnnx(path);
        var options = new SessionOptions { IntraOpNumThreads = Threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(path, options);
        _inputName = "input";
        _input = randn(Batch, 3, 224, 224);
        _ortInput = OrtValue.CreateTensorValueFromMemory(_input.data<float>().ToArray(), _input.shape);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _ortInput.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [BenchmarkCategory("inference"), Benchmark(Baseline = true)]
    public float TorchSharp()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _module.call(_input)[0, 0].item<float>();
    }

    [BenchmarkCategory("inference"), Benchmark]
    public float OnnxRuntime()
    {
        using var outputs = _session.Run(new RunOptions(), new[] { _inputName }, new[] { _ortInput }, _session.OutputNames);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    /// <summary>The whole export: the declaration re-checked, lowered, and written with every weight to a file.</summary>
    [BenchmarkCategory("export"), Benchmark]
    public long Export()
    {
        var path = Path.Combine(_folder, "export.onnx");
        _module.ExportOnnx(path);
        return new FileInfo(path).Length;
    }
}
