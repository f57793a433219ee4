using System;
using System.IO;
using System.Linq;
using NetDsl.Examples;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Inference;
using NetDsl.Runtime.Tests.Data;
using SkiaSharp;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Inference;

public sealed class PredictorTests
{
    // Logits = inputs: the prediction is the argmax of the input row itself.
    private static nn.Module<Tensor, Tensor> Identity() => nn.Sequential(("0", nn.Identity()));

    [Fact]
    public void Predict_GivesArgmaxAndSoftmax_InBatches_AndRestoresTrainingMode()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = Identity();
        model.train();
        var inputs = tensor(new float[,] { { 0, 2, 1 }, { 5, 0, 0 }, { 0, 0, 0.5f } });
        var prediction = model.Predict(inputs, batchSize: 2, classNames: new[] { "a", "b", "c" });

        Assert.Equal(new long[] { 1, 0, 2 }, prediction.Classes);
        Assert.Equal(new[] { "b", "a", "c" }, Enumerable.Range(0, 3).Select(prediction.Label));
        Assert.All(prediction.Probabilities, p => Assert.Equal(1f, p.Sum(), 5));
        Assert.Equal(Math.Exp(2) / (1 + Math.Exp(1) + Math.Exp(2)), prediction.Confidence(0), 5);
        Assert.Equal(new long[] { 1, 2 }, prediction.Top(0, 2).Select(t => t.Class));
        Assert.True(model.training);
    }

    [Fact]
    public void Predict_SingleLogit_IsBinary()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var prediction = Identity().Predict(tensor(new float[,] { { -2 }, { 3 } }));
        Assert.Equal(new long[] { 0, 1 }, prediction.Classes);
        Assert.Equal(1 / (1 + Math.Exp(-3)), prediction.Probabilities[1][1], 5);
    }

    [Fact]
    public void PredictImages_UsesTheNetworksDeclaredInputShape()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var folder = TestPaths.NewTempFolder();
        var files = new[]
        {
            DataFiles.Image(Path.Combine(folder, "a.png"), 40, 30, SKColors.White),
            DataFiles.Image(Path.Combine(folder, "b.jpg"), 28, 28, SKColors.Gray, SKEncodedImageFormat.Jpeg),
        };
        var model = new SmallCnn(); // input [1, 28, 28]: grey, resized to 28x28
        var prediction = model.PredictImages(files, transform: Transforms.Normalize(0.5f, 0.5f));
        Assert.Equal(2, prediction.Count);
        Assert.All(prediction.Probabilities, p => Assert.Equal(10, p.Length));

        var missing = Path.Combine(folder, "missing.png");
        var error = Assert.Throws<DataFormatException>(() => model.PredictImages(new[] { files[0], missing }));
        Assert.Equal(missing, error.Path);
    }

    [Fact]
    public void PredictOutputs_ReturnsAnyOutputAsItIs_AndPredictSaysToUseItForMaps()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var maps = nn.Sequential(("0", nn.Identity()));
        maps.train();
        var inputs = arange(2 * 3 * 4 * 4, dtype: float32).reshape(2, 3, 4, 4);

        var outputs = maps.PredictOutputs(inputs, batchSize: 1);

        Assert.Equal(new long[] { 2, 3, 4, 4 }, outputs.shape);
        Assert.Equal(DeviceType.CPU, outputs.device_type);
        Assert.True(outputs.eq(inputs).all().item<bool>());
        Assert.True(maps.training);
        var error = Assert.Throws<InvalidOperationException>(() => maps.Predict(inputs));
        Assert.Equal("Predict classifies outputs [N, classes], but the model returned [2, 3, 4, 4]; PredictOutputs gives them as they are", error.Message);
    }

    [Fact]
    public void Predict_GivesTheRawOutputsBesideTheClasses()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var prediction = Identity().Predict(tensor(new float[,] { { 0.5f, -1, 2 } }));

        Assert.Equal(new[] { 0.5f, -1, 2 }, prediction.Outputs[0]);
        Assert.Equal(OutputKind.Logits, prediction.Kind);
    }
}
