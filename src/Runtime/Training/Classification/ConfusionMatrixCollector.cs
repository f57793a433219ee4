using System.Collections.Generic;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>Fills a <see cref="ConfusionMatrix"/> through the trainer's evaluation loop; sized by the first batch's output.</summary>
internal sealed class ConfusionMatrixCollector : IMetric
{
    private readonly IReadOnlyList<string>? _names;

    public ConfusionMatrixCollector(IReadOnlyList<string>? names) => _names = names;

    public ConfusionMatrix? Matrix { get; private set; }

    public string Name => "confusion_matrix_accuracy";

    public bool HigherIsBetter => true;

    public void Reset() => Matrix?.Clear();

    public void Update(torch.Tensor output, torch.Tensor target) => Update(output, target, OutputKind.Logits);

    public void Update(torch.Tensor output, torch.Tensor target, OutputKind kind)
    {
        if (Matrix is null)
        {
            var classes = ClassPredictions.ClassesOf(output);
            Matrix = new ConfusionMatrix(classes, _names is not null && _names.Count == classes ? _names : null);
        }
        Matrix.Add(output, target, kind);
    }

    public double Compute() => Matrix?.Accuracy ?? double.NaN;
}
