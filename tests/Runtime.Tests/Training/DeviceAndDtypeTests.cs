using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Inference;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

/// <summary>
/// Moving a generated network with <c>.to(...)</c> moves every tensor it owns, and the trainer, Predict and the weight
/// files follow the model. Without a GPU, dtype moves (float64, bfloat16) take the same paths a device move takes:
/// each module's parameters, buffers and the tensors NetDslLayers make in forward must follow the model.
/// tests/Gpu/run.sh runs the same on CUDA.
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class DeviceAndDtypeTests
{
    private static Tensor Images(int count) => rand(new long[] { count, 3, 16, 16 }, generator: new Generator(7));

    [Theory]
    [InlineData(ScalarType.Float64, 1e-5)]
    [InlineData(ScalarType.BFloat16, 0.1)]
    public void A_generated_network_computes_the_same_after_to_dtype(ScalarType type, double tolerance)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        Determinism.Seed(1);
        var network = new EveryLayer();
        network.eval();
        var inputs = Images(4);
        var expected = network.call(inputs);

        network.to(type);
        var actual = network.call(inputs.to(type));

        Assert.Equal(type, actual.dtype);
        Assert.All(network.parameters().Concat(network.buffers().Where(b => b.is_floating_point())), p => Assert.Equal(type, p.dtype));
        var difference = (actual.to(float32) - expected).abs().max().item<float>();
        Assert.True(difference <= tolerance, $"largest difference {difference}");
    }

    [Fact]
    public void The_trainer_and_Predict_feed_float32_data_to_a_float64_network()
    {
        TorchNative.EnsureLoaded();
        Determinism.Seed(2);
        var x = Images(32);
        var y = arange(32, dtype: int64) % 5;
        using var data = new TensorDataset(x, y);
        var network = new EveryLayer();
        network.to(float64);
        var trainer = new Trainer(network, new TrainerOptions
        {
            Epochs = 2, BatchSize = 8, Seed = 1, Device = CPU, Progress = TrainingProgress.Silent,
        });

        var history = trainer.Fit(data, data);

        Assert.True(double.IsFinite(history.Last!["val_loss"]));
        Assert.All(network.parameters(), p => Assert.Equal(float64, p.dtype));
        var prediction = network.Predict(x);
        Assert.Equal(32, prediction.Count);
        Assert.All(prediction.Probabilities, p => Assert.Equal(1.0, p.Sum(), 3));
    }

    [Fact]
    public void Weights_saved_in_float32_load_into_a_float64_network_when_asked_to_convert()
    {
        TorchNative.EnsureLoaded();
        Determinism.Seed(3);
        var source = new EveryLayer();
        var path = Path.Combine(TestPaths.NewTempFolder(), "every-layer.safetensors");
        source.SaveWeights(path);
        var target = new EveryLayer();
        target.to(float64);

        Assert.Throws<WeightMismatchException>(() => target.LoadWeights(path));
        target.LoadWeights(path, new WeightLoadOptions { ConvertFloatingPoint = true });

        var expected = source.state_dict();
        foreach (var (key, tensor) in target.state_dict())
        {
            Assert.Equal(expected[key].dtype == int64 ? int64 : float64, tensor.dtype);
            Assert.True(tensor.to(expected[key].dtype).eq(expected[key]).all().item<bool>(), $"'{key}' differs after loading");
        }
    }

    [Fact]
    public void Devices_Best_is_the_CPU_here_and_the_trainer_uses_it_by_default()
    {
        TorchNative.EnsureLoaded();
        var expected = torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;
        Assert.Equal(expected, Devices.Best().type);
        var trainer = new Trainer(new EveryLayer(), new TrainerOptions { Progress = TrainingProgress.Silent });
        Assert.Equal(expected, trainer.Device.type);
        Assert.All(trainer.Model.parameters(), p => Assert.Equal(expected, p.device_type));
    }
}
