using System.Collections.Generic;
using TorchSharp;

namespace NetDsl.Runtime.Weights;

/// <summary>One key present in both the file (after key mapping) and the model whose shape or dtype differs.</summary>
/// <param name="Key">The model's state_dict key.</param>
/// <param name="SourceKey">The key in the file before mapping (for Keras files, <c>layer/weight</c>).</param>
/// <param name="ModelShape">The model's shape.</param>
/// <param name="FileShape">The file's shape (after Keras layout conversion, where that applies).</param>
/// <param name="ModelDType">The model's dtype.</param>
/// <param name="FileDType">The file's dtype.</param>
public sealed record WeightMismatch(
    string Key,
    string SourceKey,
    IReadOnlyList<long> ModelShape,
    IReadOnlyList<long> FileShape,
    torch.ScalarType ModelDType,
    torch.ScalarType FileDType)
{
    /// <summary>One line: the key, both shapes and, where they differ, both dtypes.</summary>
    public override string ToString()
    {
        var from = SourceKey == Key ? "" : $" (file key '{SourceKey}')";
        var dtypes = ModelDType == FileDType ? "" : $", model dtype {DTypes.Name(ModelDType)}, file dtype {DTypes.Name(FileDType)}";
        return $"{Key}{from}: model shape {Shapes.Format(ModelShape)}, file shape {Shapes.Format(FileShape)}{dtypes}";
    }
}
