// Runs on cuda what the CPU tests run elsewhere; every failure is an exit code of 1 with the reason.
// gpucheck REPOSITORY-ROOT [cpu]: 'cpu' runs the same checks on the CPU (to try the program where there is no GPU).
using System;
using System.IO;
using System.Linq;
using NetDsl;
using NetDsl.GpuCheck;
using NetDsl.Runtime;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Inference;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;
using TorchSharp;
using static TorchSharp.torch;

var repository = args.Length > 0 ? args[0] : throw new ArgumentException("usage: gpucheck REPOSITORY-ROOT");
var onCpu = args.Length > 1 && args[1] == "cpu";
TorchNative.EnsureLoaded();
if (!onCpu && !cuda.is_available())
{
    Console.Error.WriteLine("FAILED: TorchSharp cannot use CUDA (torch.cuda.is_available() is false) although the CUDA backend is " +
        "referenced and a GPU is present: check the NVIDIA driver (CUDA 12.8 needs driver 570 or newer) and LD_LIBRARY_PATH.");
    return 1;
}
var device = onCpu ? CPU : CUDA;
var deviceType = device.type;
Console.WriteLine(onCpu ? "Dry run on the CPU" : $"CUDA: {cuda.device_count()} device(s); training and checks on {CUDA}");
var failures = 0;
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")}  {what}");
    if (!condition) failures++;
}

// 1. The quickstart's network trains on the GPU (one epoch of the shipped test split).
var data = FashionMnist.Load(Path.Combine(repository, "data", "fashion-mnist"), MnistSet.Test);
var (train, heldOut) = data.Split(8_000, seed: 7);
var (mean, std) = FashionMnist.PixelStatistics;
Determinism.Seed(1);
var model = new FashionNet();
var trainer = new Trainer(model, new TrainerOptions
{
    Epochs = 1, BatchSize = 128, Seed = 1, Optimizer = Optimizers.Adam(2e-3), Progress = new PlainProgress(Console.Out),
    Device = onCpu ? CPU : null,
    TrainTransform = Transforms.Normalize(mean, std), ValidationTransform = Transforms.Normalize(mean, std),
});
Check(trainer.Device.type == deviceType, $"Trainer trains on {trainer.Device}{(onCpu ? "" : " by default")}");
var history = trainer.Fit(train, heldOut);
Check(model.parameters().All(p => p.device_type == deviceType), $"the model's parameters are on {device}");
Check(history.Last!["val_accuracy"] > 0.7, $"FashionNet reached {history.Last!["val_accuracy"]:P1} after one epoch on {device}");

// 2. Weights and checkpoints leave the GPU and come back, on either device.
var folder = Directory.CreateTempSubdirectory("netdsl-gpu").FullName;
try
{
    using var probe = randn(4, 1, 28, 28);
    var expected = model.PredictOutputs(probe);
    foreach (var file in new[] { "fashion.safetensors", "fashion.pt" })
    {
        var path = Path.Combine(folder, file);
        model.SaveWeights(path);
        var cpuModel = new FashionNet();
        cpuModel.LoadWeights(path);
        Check(cpuModel.PredictOutputs(probe).allclose(expected, atol: 1e-4), $"{file} written from {device} loads on the CPU with the same outputs");
        var deviceModel = new FashionNet();
        deviceModel.to(device);
        deviceModel.LoadWeights(path);
        Check(deviceModel.PredictOutputs(probe).allclose(expected, atol: 1e-4), $"{file} loads into a network on {device} with the same outputs");
    }
    var checkpoint = Path.Combine(folder, "fashion.ckpt");
    trainer.SaveCheckpoint(checkpoint);
    var resumed = new Trainer(new FashionNet(), new TrainerOptions { Epochs = 1, Device = CPU, Progress = TrainingProgress.Silent });
    resumed.Fit(heldOut.Take(256), resumeFrom: checkpoint);
    Check(resumed.Model.PredictOutputs(probe).allclose(expected, atol: 1e-4), $"a checkpoint written on {device} resumes on the CPU");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

// 3. Every zoo network runs forward on the device (generated modules and NetDslLayers after .to(device)).
foreach (var type in NetDsl.Zoo.Program.Networks())
{
    using var scope = NewDisposeScope();
    var constructor = type.GetConstructors().Single();
    // A network with auxiliary outputs returns a record: its main output (in evaluation, the only one) is checked.
    var network = (nn.Module)constructor.Invoke(constructor.GetParameters().Select(p => p.DefaultValue).ToArray());
    network.to(device).eval();
    var inputShape = ((INetwork)network).InputShape;
    var input = new long[] { 2 }.Concat(inputShape.ToArray()).ToArray();
    var declared = ((INetwork)network).Outputs[0].Shape.ToArray();
    using var noGrad = no_grad();
    // A language model (GPT-2) reads token ids below its vocabulary, the output's last axis, at its longest sequence.
    var output = NetDsl.Runtime.Outputs.ModelCalls.Main(network, inputShape.IsIds ? randint(declared[^1], input, device: device) : randn(input, device: device));
    Check(output.device_type == deviceType && output.shape.SequenceEqual(new long[] { 2 }.Concat(declared)),
        $"{type.Name} forward on {device} gives [{string.Join(", ", output.shape)}]");
    network.Dispose();
}

Console.WriteLine(failures == 0 ? "GPU check passed" : $"GPU check FAILED: {failures} check(s)");
return failures == 0 ? 0 : 1;
