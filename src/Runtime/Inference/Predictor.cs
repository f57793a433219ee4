using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Outputs;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Inference;

/// <summary>Class predictions from a trained classifier, on tensors or on image files.</summary>
public static class Predictor
{
    /// <summary>
    /// Runs the model in eval mode without gradients over <paramref name="inputs"/> <c>[N, ...]</c>, in batches on the
    /// model's device (float inputs in its floating-point type), and returns its outputs <c>[N, ...]</c> on the CPU as
    /// they are: scores, probabilities, a regression's values, maps. The model's training mode is restored afterwards.
    /// For a network with several outputs, these are its main output's (the first).
    /// </summary>
    public static Tensor PredictOutputs(this nn.Module model, Tensor inputs, int batchSize = 256)
    {
        TorchNative.EnsureLoaded();
        var call = ModelCalls.For(model);
        if (inputs.dim() == 0)
            throw new ArgumentException("inputs need a batch dimension: [N, ...]", nameof(inputs));
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize));
        var parameter = model.parameters().FirstOrDefault(p => p.is_floating_point());
        var device = parameter?.device ?? CPU;
        var type = parameter?.dtype ?? inputs.dtype;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var parts = new List<Tensor>();
            var n = inputs.shape[0];
            using var scope = NewDisposeScope();
            for (long start = 0; start < n; start += batchSize)
            {
                var x = inputs.narrow(0, start, Math.Min(batchSize, n - start));
                x = x.is_floating_point() ? x.to(type, device) : x.to(device);
                parts.Add(call(x)[0]!.cpu());
            }
            return cat(parts, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// Classifies <paramref name="inputs"/> <c>[N, ...]</c> (see <see cref="PredictOutputs"/>): classes and class
    /// probabilities from what the model returns, whatever its kind (a NetDsl network ending in softmax or sigmoid
    /// says so; any other module is taken to return raw scores), plus the raw outputs. A network with several outputs
    /// predicts with its main one.
    /// </summary>
    public static Prediction Predict(this nn.Module model, Tensor inputs, int batchSize = 256,
        IReadOnlyList<string>? classNames = null)
    {
        var kind = ModelOutput.Of(model).Kind;
        using var scope = NewDisposeScope();
        var outputs = model.PredictOutputs(inputs, batchSize).to(float32);
        var rows = outputs.shape[0];
        Tensor p;
        if (outputs.dim() == 1 || (outputs.dim() == 2 && outputs.shape[1] == 1))
        {
            var single = outputs.reshape(rows, 1);
            var positive = kind == OutputKind.IndependentProbabilities ? single : sigmoid(single);
            p = cat(new[] { 1 - positive, positive }, 1);
        }
        else if (outputs.dim() == 2)
        {
            p = OutputConversions.ToProbabilities(outputs, kind);
        }
        else
        {
            throw new InvalidOperationException(
                $"Predict classifies outputs [N, classes], but the model returned [{string.Join(", ", outputs.shape)}]; PredictOutputs gives them as they are");
        }
        var probabilities = Rows(p);
        var classes = probabilities.Select(row =>
        {
            var best = 0;
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > row[best])
                    best = c;
            }
            return (long)best;
        }).ToArray();
        return new Prediction(kind, Rows(outputs.reshape(rows, -1)), classes, probabilities, classNames);
    }

    private static float[][] Rows(Tensor matrix)
    {
        var contiguous = matrix.contiguous();
        var flat = contiguous.data<float>().ToArray();
        var width = (int)contiguous.shape[1];
        var rows = new float[contiguous.shape[0]][];
        for (var r = 0; r < rows.Length; r++)
            rows[r] = flat.AsSpan(r * width, width).ToArray();
        return rows;
    }

    /// <summary>
    /// Decodes image files (SkiaSharp) as <paramref name="channels"/> channels resized to <paramref name="size"/>,
    /// applies <paramref name="transform"/> to the batch (the normalisation used in training) and predicts. When the
    /// model is a NetDsl network, channels and size default to its declared input shape <c>[C, H, W]</c>.
    /// </summary>
    /// <exception cref="DataFormatException">A file is missing or not a readable image.</exception>
    public static Prediction PredictImages(this nn.Module model, IEnumerable<string> files,
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

    // A generated NetDsl network knows its input shape; other modules do not.
    private static long[]? DeclaredInputShape(nn.Module model) => model is INetwork network ? network.InputShape.ToArray() : null;
}
