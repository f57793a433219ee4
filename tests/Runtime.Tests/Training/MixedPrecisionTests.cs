using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class MixedPrecisionTests
{
    /// <summary>Records the dtype the model returns during training.</summary>
    private sealed class OutputType : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> _inner;

        public OutputType(nn.Module<Tensor, Tensor> inner) : base("probe")
        {
            _inner = inner;
            RegisterComponents();
        }

        public HashSet<ScalarType> Seen { get; } = new();

        public override Tensor forward(Tensor input)
        {
            var output = _inner.call(input);
            Seen.Add(output.dtype);
            return output;
        }
    }

    [Theory]
    [InlineData(MixedPrecision.BFloat16, ScalarType.BFloat16)]
    [InlineData(MixedPrecision.Auto, ScalarType.BFloat16)]
    [InlineData(MixedPrecision.Float16, ScalarType.Float16)]
    public void Training_ComputesInTheLowType_KeepsFloat32Weights_AndLearns(MixedPrecision mode, ScalarType computed)
    {
        using var train = Blobs(100, seed: 1);
        using var validation = Blobs(50, seed: 2);
        var model = new OutputType(Mlp(seed: 3));
        var options = new TrainerOptions
        {
            Epochs = 6, BatchSize = 32, Seed = 5, Optimizer = Optimizers.Adam(0.01), MixedPrecision = mode,
            Progress = TrainingProgress.Silent, Device = CPU,
        };
        var history = new Trainer(model, options).Fit(train, validation);

        Assert.Equal(new[] { computed }, model.Seen);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.grad!.dtype));
        Assert.True(history.Last!["val_accuracy"] >= 0.95, $"held-out accuracy {history.Last!["val_accuracy"]}");
        Assert.False(Autocast.IsEnabled(DeviceType.CPU));
    }

    [Fact]
    public void Off_ComputesInFloat32()
    {
        using var train = Blobs(10, seed: 1);
        var model = new OutputType(Mlp(seed: 3));
        new Trainer(model, Options(1)).Fit(train);
        Assert.Equal(new[] { ScalarType.Float32 }, model.Seen);
    }

    [Fact]
    public void Scaler_UnscalesTheGradients_AndReportsOverflow()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var scaler = new GradientScaler(initialScale: 8);
        var weight = nn.Parameter(ones(3));
        var loss = scaler.ScaleLoss((weight * tensor(new[] { 1f, 2f, 3f })).sum());
        loss.backward();
        Assert.Equal(new[] { 8f, 16f, 24f }, weight.grad!.data<float>().ToArray());
        Assert.True(scaler.Unscale(new[] { weight }));
        Assert.Equal(new[] { 1f, 2f, 3f }, weight.grad!.data<float>().ToArray());

        weight.grad![1] = float.PositiveInfinity;
        Assert.False(scaler.Unscale(new[] { weight }));
        weight.grad![1] = float.NaN;
        Assert.False(scaler.Unscale(new[] { weight }));
    }

    [Fact]
    public void Scaler_BacksOffOnOverflow_AndGrowsAfterARunOfGoodSteps()
    {
        var scaler = new GradientScaler(initialScale: 1024, growthInterval: 3);
        scaler.Update(finite: false);
        Assert.Equal(512, scaler.Scale);
        Assert.Equal(1, scaler.SkippedSteps);
        scaler.Update(true);
        scaler.Update(true);
        Assert.Equal(512, scaler.Scale);
        scaler.Update(true);
        Assert.Equal(1024, scaler.Scale);
        scaler.Update(true);
        scaler.Update(false); // an overflow restarts the run
        scaler.Update(true);
        scaler.Update(true);
        Assert.Equal(512, scaler.Scale);
    }

    [Fact]
    public void Float16Training_SkipsTheStepsWhoseGradientsOverflow()
    {
        using var train = Blobs(20, seed: 1);
        var skipped = new List<bool>();
        var options = new TrainerOptions
        {
            Epochs = 1, BatchSize = 4, Seed = 5, Optimizer = Optimizers.Sgd(0.01), MixedPrecision = MixedPrecision.Float16,
            Progress = TrainingProgress.Silent, Device = CPU, Loss = (LossFunction)((output, target) => nn.functional.cross_entropy(output, target) * 1e4f),
            Callbacks = new TrainingCallback[] { new OnBatch(b => skipped.Add(!b.OptimizerStepped)) },
        };
        var model = Mlp(seed: 3);
        var before = Snapshot(model, k => k.EndsWith("weight"));
        new Trainer(model, options).Fit(train);
        // 1e4 x 65536 overflows float16 gradients: the first steps are skipped while the scale comes down.
        Assert.True(skipped[0], "the first step should overflow");
        Assert.Contains(false, skipped);
        Assert.Contains(before, b => !model.state_dict()[b.Key].eq(b.Value).all().item<bool>());
    }

    private sealed class OnBatch : TrainingCallback
    {
        private readonly Action<BatchRecord> _action;

        public OnBatch(Action<BatchRecord> action) => _action = action;

        public override void OnBatchEnd(TrainingContext context, BatchRecord batch) => _action(batch);
    }
}
