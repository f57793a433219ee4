// NetDsl quickstart: a network declared in FashionNet.net, checked and generated at build time, trained on
// Fashion-MNIST. With the 10,000 test images committed under data/fashion-mnist it trains on 8,000 of them and
// reports accuracy on the other 2,000; with the full set (train-* files in that folder, or --data DIR) it trains on
// the 60,000 training images and tests on the 10,000 test images.
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetDsl.Examples.QuickStart;
using NetDsl.Runtime;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Inference;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;

var clock = Stopwatch.StartNew();
QuickStartOptions options;
try
{
    options = QuickStartOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"quickstart: {e.Message}");
    Console.Error.WriteLine(QuickStartOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(QuickStartOptions.Usage);
    return 0;
}

// Before anything touches TorchSharp: load its native library (patched on systems with an older libstdc++), with
// OMP_WAIT_POLICY=PASSIVE unless set (idle OpenMP threads that sleep instead of spinning make training several times
// faster on 2 busy cores). The generated code's module initializer has already done so; this line matters for
// programs without .net files.
TorchNative.EnsureLoaded();

Console.WriteLine("The network, as the compiler checked it at build time:");
Console.WriteLine();
Console.WriteLine(FashionNet.Summary);
Console.WriteLine();

// ---- data ---------------------------------------------------------------------------------------------------------
IDataset train, heldOut;
string heldOutName;
var full = IdxDataset.HasMnistSet(options.DataFolder, MnistSet.Train);
try
{
    if (full)
    {
        train = FashionMnist.Load(options.DataFolder, MnistSet.Train);
        heldOut = FashionMnist.Load(options.DataFolder, MnistSet.Test);
        heldOutName = "test set";
        Console.WriteLine($"Data: the full Fashion-MNIST in {options.DataFolder}: {train.Count:N0} training images, {heldOut.Count:N0} test images.");
    }
    else
    {
        var all = FashionMnist.Load(options.DataFolder, MnistSet.Test);
        var held = Math.Min(2_000, all.Count / 5);
        (train, heldOut) = all.Split(all.Count - held, seed: 7);
        heldOutName = "held-out images";
        Console.WriteLine($"Data: the {all.Count:N0} Fashion-MNIST test images in {options.DataFolder}, split {train.Count:N0} for training / {heldOut.Count:N0} held out.");
        Console.WriteLine("      (Put train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz there, or pass --data DIR, to train on all 60,000.)");
    }
}
catch (DataFormatException e)
{
    Console.Error.WriteLine($"quickstart: {e.Message}");
    return 1;
}
Console.WriteLine();

// ---- training -----------------------------------------------------------------------------------------------------
var epochs = options.Epochs ?? (full ? 2 : 6);
Directory.CreateDirectory(options.OutputFolder);
string Out(string name) => Path.Combine(options.OutputFolder, name);
var (mean, std) = FashionMnist.PixelStatistics;
var normalize = Transforms.Normalize(mean, std);

Determinism.Seed(42);
using var model = new FashionNet();
var trainer = new Trainer(model, new TrainerOptions
{
    Epochs = epochs,
    BatchSize = 64,
    Seed = 42,
    Optimizer = Optimizers.AdamW(lr: 2e-3, weightDecay: 1e-4),
    Loss = Losses.CrossEntropy(labelSmoothing: 0.05),
    Metrics = new IMetric[] { Metrics.Accuracy(), Metrics.TopK(2) },
    LearningRateSchedule = optimizer => torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr: 4e-3, total_steps: epochs * (int)((train.Count + 63) / 64)),
    ScheduleStep = ScheduleStep.Batch,
    // Mirrored clothes are still the same clothes: augmentation that helps most when data is scarce.
    TrainTransform = full ? normalize : Transforms.Compose(Transforms.RandomHorizontalFlip(), normalize),
    ValidationTransform = normalize,
    Callbacks = new TrainingCallback[]
    {
        new BestCheckpoint(Out("best.ckpt"), monitor: "val_accuracy"),
        new LastCheckpoint(Out("last.ckpt")),
        new TrainingLog(csvPath: Out("history.csv"), jsonPath: Out("history.json")),
    },
});
Console.WriteLine($"Training FashionNet for {epochs} epochs on {trainer.Device.type} ({torch.get_num_threads()} threads), AdamW with a one-cycle schedule:");
var history = trainer.Fit(train, heldOut);

// ---- results ------------------------------------------------------------------------------------------------------
var final = trainer.Evaluate(heldOut, normalize);
trainer.SaveModel(Out("FashionNet.weights"));
history.SavePlot(Out("training-curves.png"), title: "FashionNet on Fashion-MNIST");

Console.WriteLine();
Console.WriteLine($"Accuracy on the {heldOut.Count:N0} {heldOutName}: {final["accuracy"]:P2} (top-2 {final["top2"]:P2}), loss {final["loss"]:F4}");

// Which classes it confuses: per-class precision, recall and F1, and the confusion matrix as a picture.
var matrix = trainer.ConfusionMatrix(heldOut, normalize);
ConfusionMatrixPlot.Save(matrix, Out("confusion-matrix.png"));
Console.WriteLine();
Console.Write(matrix);

// A few predictions through the inference helper.
using (var sample = heldOut.GetBatch(Enumerable.Range(0, 6).Select(i => (long)i).ToArray()))
using (var inputs = normalize(sample.Inputs))
{
    var prediction = model.Predict(inputs, classNames: FashionMnist.Classes);
    var truth = sample.Targets.data<long>().ToArray();
    Console.WriteLine("First held-out images: " + string.Join(", ", Enumerable.Range(0, prediction.Count).Select(i =>
        $"{prediction.Label(i)} {prediction.Confidence(i):P0}{(prediction.Classes[i] == truth[i] ? "" : $" (is {FashionMnist.Classes[(int)truth[i]]})")}")));
}

Console.WriteLine();
Console.WriteLine($"Wrote to {options.OutputFolder}:");
Console.WriteLine("  FashionNet.weights     the trained weights (model.load(path))");
Console.WriteLine("  best.ckpt, last.ckpt   checkpoints: best held-out accuracy, and the last epoch (Fit(..., resumeFrom: path))");
Console.WriteLine("  history.csv/.json      per-epoch loss, accuracy, learning rate, throughput");
Console.WriteLine("  training-curves.png    the curves");
Console.WriteLine("  confusion-matrix.png   held-out images by true and predicted class");
Console.WriteLine($"Total time {clock.Elapsed.TotalSeconds:F0} s.");
return 0;
