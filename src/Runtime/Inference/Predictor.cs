using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Inference;

/// <summary>Class predictions from a trained classifier, on tensors or on image files.</summary>
public static class Predictor
{
    /// <summary>
    /// Runs the model in eval mode without gradients over <paramref name="inputs"/> <c>[N, ...]</c>, in batches, and
    /// turns its logits into classes and probabilities. The model's training mode is restored afterwards.
    /// </summary>
    public static Prediction Predict(this nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize = 256,
        IReadOnlyList<string>? classNames = null)
    {
        TorchNative.EnsureLoaded();
        if (inputs.dim() == 0)
            throw new ArgumentException("inputs need a batch dimension: [N, ...]", nameof(inputs));
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize));
        var device = model.parameters().FirstOrDefault()?.device ?? CPU;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var classes = new List<long>();
            var probabilities = new List<float[]>();
            var n = inputs.shape[0];
            for (long start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var x = inputs.narrow(0, start, Math.Min(batchSize, n - start)).to(device);
                var logits = model.call(x);
                var rows = logits.shape[0];
                Tensor p;
                if (logits.dim() == 1 || (logits.dim() == 2 && logits.shape[1] == 1))
                {
                    var positive = sigmoid(logits.reshape(rows, 1));
                    p = cat(new[] { 1 - positive, positive }, 1);
                }
                else if (logits.dim() == 2)
                {
                    p = nn.functional.softmax(logits, 1);
                }
                else
                {
                    throw new InvalidOperationException(
                        $"Predict expects logits [N, classes] from the model, but it returned [{string.Join(", ", logits.shape)}]");
                }
                var cpu = p.to(float32).cpu().contiguous();
                var flat = cpu.data<float>().ToArray();
                var width = (int)cpu.shape[1];
                for (var r = 0; r < rows; r++)
                {
                    var row = flat.AsSpan(r * width, width).ToArray();
                    probabilities.Add(row);
                    var best = 0;
                    for (var c = 1; c < width; c++)
                    {
                        if (row[c] > row[best])
                            best = c;
                    }
                    classes.Add(best);
                }
            }
            return new Prediction(classes.ToArray(), probabilities.ToArray(), classNames);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// Decodes image files (SkiaSharp) as <paramref name="channels"/> channels resized to <paramref name="size"/>,
    /// applies <paramref name="transform"/> to the batch (the normalisation used in training) and predicts. When the
    /// model is a NetDsl network, channels and size default to its declared input shape <c>[C, H, W]</c>.
    /// </summary>
    /// <exception cref="DataFormatException">A file is missing or not a readable image.</exception>
    public static Prediction PredictImages(this nn.Module<Tensor, Tensor> model, IEnumerable<string> files,
        Func<Tensor, Tensor>? transform = null, int? channels = null, (int Width, int Height)? size = null,
        IReadOnlyList<string>? classNames = null)
    {
        TorchNative.EnsureLoaded();
        var paths = files.ToArray();
        if (paths.Length == 0)
            throw new ArgumentException("no image files given", nameof(files));
        var declared = DeclaredInputShape(model);
        var c = channels ?? (declared is { Length: 3 } ? (int)declared[0] : 3);
        var s = size ?? (declared is { Length: 3 } ? ((int)declared[2], (int)declared[1]) : null);
        using var scope = NewDisposeScope();
        var images = paths.Select(path => ImageFile.Load(path, c, s)).ToArray();
        var shapes = images.Select(i => $"{i.shape[1]}x{i.shape[2]}").Distinct().ToArray();
        if (shapes.Length > 1)
            throw new ArgumentException($"the images have different sizes ({string.Join(", ", shapes)}); pass a size to resize them");
        var batch = stack(images);
        if (transform is not null)
            batch = transform(batch);
        return model.Predict(batch, classNames: classNames);
    }

    // A generated NetDsl network exposes 'Shape InputShape' with ToArray(); other modules return null.
    private static long[]? DeclaredInputShape(nn.Module model)
    {
        var property = model.GetType().GetProperty("InputShape");
        var value = property?.GetValue(model);
        return value?.GetType().GetMethod("ToArray", Type.EmptyTypes)?.Invoke(value, null) as long[];
    }
}
