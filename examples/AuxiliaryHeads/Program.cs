// Auxiliary heads: AuxNet (AuxNet.net) has two auxiliary classifiers, as GoogLeNet has, and trains with seed 002's
// recipe: cross-entropy with label smoothing 0.1, RMSprop with decay 0.9 and epsilon 1.0 (Szegedy et al. 2015,
// "Rethinking the Inception Architecture", which also uses learning rate 0.045), each auxiliary loss weighted 0.3
// (Szegedy et al. 2014). Data: the 10,000 Fashion-MNIST test images committed under data/fashion-mnist, 8,000 for
// training and 2,000 held out.
using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Examples.AuxiliaryHeads;
using NetDsl.Runtime;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Training;
using TorchSharp;

AuxiliaryHeadsOptions options;
try
{
    options = AuxiliaryHeadsOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"auxiliary-heads: {e.Message}");
    Console.Error.WriteLine(AuxiliaryHeadsOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(AuxiliaryHeadsOptions.Usage);
    return 0;
}
TorchNative.EnsureLoaded();

IDataset train, heldOut;
try
{
    var all = FashionMnist.Load(options.DataFolder, MnistSet.Test);
    (train, heldOut) = all.Split(all.Count - Math.Min(2_000, all.Count / 5), seed: 7);
}
catch (DataFormatException e)
{
    Console.Error.WriteLine($"auxiliary-heads: {e.Message}");
    return 1;
}
var (mean, std) = FashionMnist.PixelStatistics;
var normalize = Transforms.Normalize(mean, std);

Determinism.Seed(2);
using var model = new AuxNet();
Console.WriteLine(AuxNet.Summary);
Console.WriteLine();
var trainer = new Trainer(model, new TrainerOptions
{
    Epochs = options.Epochs,
    BatchSize = 64,
    Seed = 2,
    Loss = Losses.CrossEntropy(labelSmoothing: 0.1),
    Optimizer = Optimizers.RmsProp(0.045, alpha: 0.9, eps: 1.0),
    // Each output is trained with Loss; the auxiliary ones count 0.3 each in the total loss.
    OutputLosses = new Dictionary<string, OutputLoss> { ["aux1"] = new(0.3), ["aux2"] = new(0.3) },
    TrainTransform = normalize,
    ValidationTransform = normalize,
});
Console.WriteLine($"Training AuxNet for {options.Epochs} epochs on {train.Count:N0} images ({trainer.Device.type}); outputs: " +
    string.Join(", ", trainer.Outputs.Select(o => o.WhileTraining ? $"{o.Name} (while training)" : o.Name)));
trainer.Fit(train, heldOut);

// Evaluation runs the main output only: the auxiliary heads exist while training.
var final = trainer.Evaluate(heldOut, normalize);
Console.WriteLine();
Console.WriteLine($"Held-out accuracy of the main output: {final["accuracy"]:P2} (loss {final["loss"]:F4}, its keys: {string.Join(", ", final.Keys.Order())})");
return 0;
