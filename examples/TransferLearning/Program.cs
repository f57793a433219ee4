using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Training;
using NetDsl.Runtime.Weights;
using SkiaSharp;
using static TorchSharp.torch;

namespace NetDsl.Examples.TransferLearning;

/// <summary>
/// The Xception transfer-learning recipe:
/// 1. a base without its top, optionally with pretrained weights (a Keras .h5 in the layout of Keras applications,
///    loaded by layer order with layouts converted, or a PyTorch .pt / safetensors file);
/// 2. bottleneck features computed once by the frozen base;
/// 3. a new head (dense 256, dropout 0.5, dense 128, dropout 0.5, dense 1 + sigmoid) trained on them, keeping only
///    the best epoch;
/// 4. base and best head put together by state_dict key;
/// 5. everything fine-tuned with SGD (lr 0.005, momentum 0.1, Nesterov), keeping only the best epoch.
/// The data is a tiny two-class image set (circles and squares) that the program draws.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: transfer-learning [out DIR] [weights FILE] [epochs N] [fine-tune-epochs N] [full true|false]");
            return 2;
        }
        TorchNative.EnsureLoaded();
        Determinism.Seed(7);
        Directory.CreateDirectory(options.Out);

        // The data: 71x71 pictures of one circle or one square, in class folders as ImageFolderDataset reads them.
        var data = Path.Combine(options.Out, "data");
        Shapes.Draw(Path.Combine(data, "train"), new[] { "circle", "square" }, perClass: 48, seed: 1);
        Shapes.Draw(Path.Combine(data, "validation"), new[] { "circle", "square" }, perClass: 16, seed: 2);
        var train = new ImageFolderDataset(Path.Combine(data, "train"), new ImageFolderOptions { Size = (71, 71) });
        var validation = new ImageFolderDataset(Path.Combine(data, "validation"), new ImageFolderOptions { Size = (71, 71) });
        // Xception's preprocessing: pixels to [-1, 1].
        var normalize = Transforms.Normalize(new[] { 0.5f, 0.5f, 0.5f }, new[] { 0.5f, 0.5f, 0.5f });
        Console.WriteLine($"data: {train.Count} training and {validation.Count} validation images, classes {string.Join(", ", train.Classes)}");

        // 1. The base without top: Xception's structure at a sixth of its width (fast on a CPU), or Keras' Xception
        //    itself ("full true"), which the Keras applications' xception_weights_tf_dim_ordering_tf_kernels_notop.h5
        //    fits layer by layer.
        nn.Module<Tensor, Tensor> baseNet = options.Full ? new FullBase() : new Base();
        var weights = options.Weights;
        if (weights is null && !options.Full)
        {
            Console.WriteLine("base: no pretrained weights given (weights FILE); pretraining it on a source task as a stand-in for ImageNet");
            weights = Pretrain(options.Out, normalize);
        }
        if (weights is not null)
        {
            var report = baseNet.LoadWeights(weights, new WeightLoadOptions { KerasMatching = KerasMatching.ByOrder });
            Console.WriteLine($"base weights from {weights}: {report.Loaded.Count} tensors");
        }
        else
        {
            Console.WriteLine("base: no pretrained weights given, so Keras' Xception starts from random initialisation; " +
                              "give weights xception_weights_tf_dim_ordering_tf_kernels_notop.h5 for the real recipe");
        }

        // 2. Bottleneck features: the frozen base runs once over every image.
        var (trainFeatures, trainLabels) = Bottleneck(baseNet, train, normalize);
        var (validationFeatures, validationLabels) = Bottleneck(baseNet, validation, normalize);
        using var trainCache = new TensorDataset(trainFeatures, trainLabels, train.Classes);
        using var validationCache = new TensorDataset(validationFeatures, validationLabels, validation.Classes);
        Console.WriteLine($"bottleneck features: {Shape(trainFeatures)} for training, {Shape(validationFeatures)} for validation");

        // 3. The head alone, on the cached features; only its best epoch is kept.
        var head = new HeadOnly(features: trainFeatures.shape[1]);
        var headBest = Path.Combine(options.Out, "head-best.ckpt");
        var headTrainer = new Trainer(head, new TrainerOptions
        {
            Epochs = options.Epochs,
            BatchSize = 16,
            Loss = Losses.BinaryCrossEntropy(),
            Optimizer = Optimizers.RmsProp(1e-3),
            Callbacks = new TrainingCallback[] { new BestCheckpoint(headBest, "val_accuracy") },
            Seed = 1,
        });
        headTrainer.Fit(trainCache, validationCache);
        Checkpoint.LoadWeights(head, headBest);

        // 4. Base and best head into one network: the keys are base.* and head.* in all three.
        nn.Module<Tensor, Tensor> model = options.Full ? new FullTransferModel() : new TransferModel();
        var baseFile = Path.Combine(options.Out, "base.safetensors");
        var headFile = Path.Combine(options.Out, "head.safetensors");
        baseNet.SaveWeights(baseFile);
        head.SaveWeights(headFile);
        Expect(model.LoadWeights(baseFile, new WeightLoadOptions { Strict = false }), missingPrefix: "head.");
        Expect(model.LoadWeights(headFile, new WeightLoadOptions { Strict = false }), missingPrefix: "base.");

        // 5. Fine-tune everything with SGD, lr 0.005, momentum 0.1, Nesterov; only the best epoch is kept.
        var modelBest = Path.Combine(options.Out, "model-best.ckpt");
        var fineTuner = new Trainer(model, new TrainerOptions
        {
            Epochs = options.FineTuneEpochs,
            BatchSize = 16,
            Loss = Losses.BinaryCrossEntropy(),
            Optimizer = Optimizers.Sgd(0.005, momentum: 0.1, nesterov: true),
            TrainTransform = Transforms.Compose(normalize, Transforms.RandomHorizontalFlip()),
            ValidationTransform = normalize,
            Callbacks = new TrainingCallback[] { new BestCheckpoint(modelBest, "val_accuracy") },
            Seed = 2,
        });
        var before = fineTuner.Evaluate(validation, normalize);
        fineTuner.Fit(train, validation);
        Checkpoint.LoadWeights(model, modelBest);
        var after = fineTuner.Evaluate(validation, normalize);

        var exported = Path.Combine(options.Out, "transfer.pt");
        model.SaveWeights(exported);
        Console.WriteLine($"validation accuracy: head on frozen base {before["accuracy"]:P1}, after fine-tuning {after["accuracy"]:P1}");
        Console.WriteLine($"weights for PyTorch: {exported} (torch.load(path, weights_only=True))");
        return 0;
    }

    // Trains SourceModel (the base plus a 4-class classifier) on rings, crosses, triangles and bars, and saves the
    // base's weights (keys base.*) as a PyTorch state_dict, which the recipe then loads as pretrained weights.
    private static string Pretrain(string output, Func<Tensor, Tensor> normalize)
    {
        var kinds = new[] { "ring", "cross", "triangle", "bar" };
        var root = Path.Combine(output, "data", "source");
        Shapes.Draw(root, kinds, perClass: 48, seed: 3);
        var source = new ImageFolderDataset(root, new ImageFolderOptions { Size = (71, 71) });
        var model = new SourceModel(classes: kinds.Length);
        new Trainer(model, new TrainerOptions
        {
            Epochs = 3,
            BatchSize = 16,
            Optimizer = Optimizers.Adam(2e-3),
            TrainTransform = normalize,
            Seed = 3,
        }).Fit(source);
        var path = Path.Combine(output, "pretrained-base.pt");
        NetDsl.Runtime.Weights.Weights.Save(model.state_dict().Where(kv => kv.Key.StartsWith("base.", StringComparison.Ordinal)), path);
        return path;
    }

    // Runs the base in inference mode over the whole set, in batches; returns features [N, F] and labels [N].
    private static (Tensor Features, Tensor Labels) Bottleneck(nn.Module<Tensor, Tensor> baseNet, IDataset data, Func<Tensor, Tensor> transform)
    {
        baseNet.eval();
        var features = new List<Tensor>();
        var labels = new List<Tensor>();
        using (no_grad())
        {
            for (long start = 0; start < data.Count; start += 32)
            {
                var indices = Enumerable.Range(0, (int)Math.Min(32, data.Count - start)).Select(i => start + i).ToList();
                using var batch = data.GetBatch(indices);
                using var inputs = transform(batch.Inputs);
                features.Add(baseNet.call(inputs).detach());
                labels.Add(batch.Targets.clone());
            }
        }
        return (cat(features, 0), cat(labels, 0));
    }

    private static void Expect(WeightLoadReport report, string missingPrefix)
    {
        if (report.Unexpected.Count > 0 || report.ShapeMismatches.Count > 0 || report.DTypeMismatches.Count > 0 ||
            report.Missing.Any(key => !key.StartsWith(missingPrefix, StringComparison.Ordinal)))
            throw new InvalidOperationException("the parts do not fit the whole network:\n" + report.Describe());
        Console.WriteLine($"loaded {report.Loaded.Count} tensors ({missingPrefix}* left for the other part)");
    }

    private static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

    private sealed record Options(string Out, string? Weights, int Epochs, int FineTuneEpochs, bool Full)
    {
        public static Options? Parse(string[] args)
        {
            var result = new Options(Path.Combine(Path.GetTempPath(), "netdsl-transfer-learning"), null, 30, 3, false);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                result = args[i] switch
                {
                    "out" => result with { Out = Path.GetFullPath(args[i + 1]) },
                    "weights" => result with { Weights = Path.GetFullPath(args[i + 1]) },
                    "epochs" when int.TryParse(args[i + 1], out var n) && n > 0 => result with { Epochs = n },
                    "full" when bool.TryParse(args[i + 1], out var full) => result with { Full = full },
                    "fine-tune-epochs" when int.TryParse(args[i + 1], out var m) && m > 0 => result with { FineTuneEpochs = m },
                    _ => null,
                };
                if (result is null)
                    return null;
            }
            return args.Length % 2 == 0 ? result : null;
        }
    }

    /// <summary>Draws image sets: one shape per picture, random size, place and colours, a folder per kind.</summary>
    private static class Shapes
    {
        public static void Draw(string root, IReadOnlyList<string> kinds, int perClass, int seed)
        {
            var random = new Random(seed);
            foreach (var kind in kinds)
            {
                var folder = Path.Combine(root, kind);
                Directory.CreateDirectory(folder);
                for (var i = 0; i < perClass; i++)
                {
                    using var bitmap = new SKBitmap(71, 71);
                    using (var canvas = new SKCanvas(bitmap))
                    {
                        canvas.Clear(new SKColor((byte)random.Next(0, 90), (byte)random.Next(0, 90), (byte)random.Next(0, 90)));
                        using var paint = new SKPaint
                        {
                            Color = new SKColor((byte)random.Next(140, 256), (byte)random.Next(140, 256), (byte)random.Next(140, 256)),
                            IsAntialias = true,
                            StrokeWidth = 4,
                            Style = kind == "ring" ? SKPaintStyle.Stroke : SKPaintStyle.Fill,
                        };
                        var size = random.Next(16, 32);
                        var (x, y) = (random.Next(size / 2 + 2, 69 - size / 2), random.Next(size / 2 + 2, 69 - size / 2));
                        var half = size / 2f;
                        switch (kind)
                        {
                            case "circle":
                            case "ring":
                                canvas.DrawCircle(x, y, half, paint);
                                break;
                            case "square":
                                canvas.DrawRect(x - half, y - half, size, size, paint);
                                break;
                            case "bar":
                                canvas.DrawRect(x - half, y - half / 4, size, half / 2, paint);
                                break;
                            case "cross":
                                canvas.DrawRect(x - half, y - half / 4, size, half / 2, paint);
                                canvas.DrawRect(x - half / 4, y - half, half / 2, size, paint);
                                break;
                            case "triangle":
                                using (var triangle = new SKPath())
                                {
                                    triangle.MoveTo(x, y - half);
                                    triangle.LineTo(x + half, y + half);
                                    triangle.LineTo(x - half, y + half);
                                    triangle.Close();
                                    canvas.DrawPath(triangle, paint);
                                }
                                break;
                        }
                    }
                    using var image = SKImage.FromBitmap(bitmap);
                    using var png = image.Encode(SKEncodedImageFormat.Png, 100);
                    File.WriteAllBytes(Path.Combine(folder, $"{i:D3}.png"), png.ToArray());
                }
            }
        }
    }
}
