// Trains the network of Model.net. Without arguments on a small synthetic set (bars in four positions) that needs
// nothing to download; with a folder holding Fashion-MNIST's IDX files (dotnet run -- DIR), on Fashion-MNIST
// (set classes = 10 in Model.net first).
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Inference;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using NetDslApp;
using TorchSharp;
using static TorchSharp.torch;

Console.WriteLine(Model.Summary);
Console.WriteLine();

IDataset train, test;
if (args.Length > 0)
{
    train = FashionMnist.Load(args[0], MnistSet.Train);
    test = FashionMnist.Load(args[0], MnistSet.Test);
}
else
{
    train = Bars(512, seed: 1);
    test = Bars(128, seed: 2);
}

Determinism.Seed(1);
using var model = new Model();
var trainer = new Trainer(model, new TrainerOptions
{
    Epochs = 3,
    BatchSize = 32,
    Seed = 1,
    Optimizer = Optimizers.Adam(2e-3),
    Loss = Losses.CrossEntropy(),
});
Console.WriteLine($"Training on {trainer.Device.type}:");
var history = trainer.Fit(train, test);
Console.WriteLine(FormattableString.Invariant($"test accuracy: {100 * history.Last!["val_accuracy"]:F1} %"));

trainer.SaveModel("model.dat");
Console.WriteLine("weights saved to model.dat");
return 0;

// 28x28 grey images with a bright bar: horizontal top or bottom, vertical left or right (the class), plus noise.
static TensorDataset Bars(int count, int seed)
{
    using var generator = new Generator((ulong)seed);
    var images = rand(new long[] { count, 1, 28, 28 }, generator: generator) * 0.3f;
    var labels = randint(0, 4, new long[] { count }, generator: generator);
    var classes = labels.data<long>().ToArray();
    for (var i = 0; i < count; i++)
    {
        var image = images[i, 0];
        switch (classes[i])
        {
            case 0: image[TensorIndex.Slice(4, 8), TensorIndex.Colon].add_(1f); break;
            case 1: image[TensorIndex.Slice(20, 24), TensorIndex.Colon].add_(1f); break;
            case 2: image[TensorIndex.Colon, TensorIndex.Slice(4, 8)].add_(1f); break;
            default: image[TensorIndex.Colon, TensorIndex.Slice(20, 24)].add_(1f); break;
        }
    }
    return new TensorDataset(images, labels, new[] { "top", "bottom", "left", "right" });
}
