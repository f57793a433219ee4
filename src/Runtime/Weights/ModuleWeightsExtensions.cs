using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary><c>model.LoadWeights(path)</c> and <c>model.SaveWeights(path)</c>: <see cref="Weights"/> as extension methods.</summary>
public static class ModuleWeightsExtensions
{
    /// <inheritdoc cref="Weights.Load(nn.Module, string, WeightLoadOptions?)"/>
    public static WeightLoadReport LoadWeights(this nn.Module model, string path, WeightLoadOptions? options = null) =>
        Weights.Load(model, path, options);

    /// <inheritdoc cref="Weights.Save(nn.Module, string, WeightFormat)"/>
    public static void SaveWeights(this nn.Module model, string path, WeightFormat format = WeightFormat.Auto) =>
        Weights.Save(model, path, format);
}
